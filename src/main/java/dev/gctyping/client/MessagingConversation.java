package dev.gctyping.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code GET /api/v2/conversations/messages/{id}} tells us: the agent participant's messages
 * communication id (needed by the typing and message endpoints), plus the raw answer. The
 * simulator puts it in the participant's {@code communicationId} (its extension: Genesys'
 * {@code MessageMediaParticipant} has no such field); otherwise the participant's first
 * {@code messages[].id} is taken, where Genesys' generic conversation model keeps communications.
 * Empty when no agent has joined.
 */
public record MessagingConversation(String conversationId, Optional<String> agentCommunicationId, JsonNode raw) {

    static MessagingConversation from(String conversationId, JsonNode body) {
        for (JsonNode participant : body.path("participants")) {
            if (participant.path("purpose").asText("").toLowerCase(Locale.ROOT).equals("agent")) {
                JsonNode communication = participant.path("communicationId").isTextual()
                        ? participant.path("communicationId")
                        : participant.path("messages").path(0).path("id");
                if (communication.isTextual()) {
                    return new MessagingConversation(conversationId, Optional.of(communication.asText()), body);
                }
            }
        }
        return new MessagingConversation(conversationId, Optional.empty(), body);
    }
}
