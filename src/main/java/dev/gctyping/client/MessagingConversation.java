package dev.gctyping.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code GET /api/v2/conversations/{id}} tells us: the agent participant's messages
 * communication id (needed by the typing and message endpoints), plus the raw answer. In that
 * generic {@code Conversation} model a participant's {@code messages[]} are its message
 * communications ({@code Message}, whose {@code id} is the communication id); the messaging
 * endpoint's {@code MessageMediaParticipant} has no communication id at all. The first agent
 * participant whose communication is not disconnected is taken (after a transfer, the earlier
 * agent's is). Empty when no agent is connected.
 */
public record MessagingConversation(String conversationId, Optional<String> agentCommunicationId, JsonNode raw) {

    static MessagingConversation from(String conversationId, JsonNode body) {
        for (JsonNode participant : body.path("participants")) {
            if (!lower(participant.path("purpose")).equals("agent")) {
                continue;
            }
            for (JsonNode communication : participant.path("messages")) {
                if (communication.path("id").isTextual()
                        && !lower(communication.path("state")).equals("disconnected")) {
                    return new MessagingConversation(
                            conversationId, Optional.of(communication.get("id").asText()), body);
                }
            }
        }
        return new MessagingConversation(conversationId, Optional.empty(), body);
    }

    private static String lower(JsonNode text) {
        return text.asText("").toLowerCase(Locale.ROOT);
    }
}
