package dev.gctyping.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gctyping.simulator.Conversation.AgentParticipant;
import dev.gctyping.simulator.Conversation.Snapshot;

/**
 * The Platform API models the simulator answers with, in the fields Genesys' SDKs define (see
 * docs/protocol.md, "Conversation lookup"). Where an agent's messages communication lives differs by
 * endpoint: the generic {@code Conversation}'s {@code Participant.messages[]} are {@code Message}
 * communications whose {@code id} is the communication id; the messaging {@code MessageConversation}'s
 * {@code MessageMediaParticipant.messages[]} are {@code MessageDetails} (message ids, no communication).
 */
final class ConversationModels {
    private static final String TYPE = "webmessaging";

    private ConversationModels() {}

    /** {@code GET /api/v2/conversations/{id}}: {@code Conversation} with {@code Participant}s. */
    static ObjectNode conversation(Snapshot conversation) {
        ObjectNode node = SimulatorJson.object();
        node.put("id", conversation.id());
        node.put("startTime", SimulatorJson.iso(conversation.startMs()));
        ArrayNode participants = node.putArray("participants");
        ObjectNode customer = participantNode(
                conversation.customerParticipantId(),
                "Guest",
                "customer",
                conversation.customerCommunicationId(),
                conversation);
        participants.add(customer);
        for (AgentParticipant agent : conversation.participants()) {
            participants.add(participant(agent, conversation));
        }
        node.put("selfUri", "/api/v2/conversations/" + conversation.id());
        return node;
    }

    /** One agent {@code Participant}, its messages communication in {@code messages[0].id}. */
    static ObjectNode participant(AgentParticipant agent, Snapshot conversation) {
        ObjectNode participant =
                participantNode(agent.participantId(), agent.name(), "agent", agent.communicationId(), conversation);
        participant.put("userId", agent.userId());
        participant.put("userUri", "/api/v2/users/" + agent.userId());
        return participant;
    }

    private static ObjectNode participantNode(
            String id, String name, String purpose, String communicationId, Snapshot conversation) {
        String connected = SimulatorJson.iso(conversation.startMs());
        ObjectNode participant = SimulatorJson.object();
        participant.put("id", id);
        participant.put("name", name);
        participant.put("startTime", connected);
        participant.put("connectedTime", connected);
        participant.put("purpose", purpose);
        ObjectNode message = participant.putArray("messages").addObject();
        message.put("state", "connected");
        message.put("initialState", "connected");
        message.put("id", communicationId);
        message.put("held", false);
        message.put("direction", "inbound");
        message.put("connectedTime", connected);
        message.put("type", TYPE);
        message.putArray("messages");
        return participant;
    }

    /**
     * {@code GET /api/v2/conversations/messages/{id}}: {@code MessageConversation} with
     * {@code MessageMediaParticipant}s; that model carries no communication id.
     */
    static ObjectNode messageConversation(Snapshot conversation) {
        ObjectNode node = SimulatorJson.object();
        node.put("id", conversation.id());
        ArrayNode participants = node.putArray("participants");
        mediaParticipant(participants, conversation.customerParticipantId(), "Guest", "customer", conversation);
        for (AgentParticipant agent : conversation.participants()) {
            ObjectNode participant =
                    mediaParticipant(participants, agent.participantId(), agent.name(), "agent", conversation);
            participant.putObject("user").put("id", agent.userId()).put("selfUri", "/api/v2/users/" + agent.userId());
        }
        node.putArray("otherMediaUris");
        node.put("selfUri", "/api/v2/conversations/messages/" + conversation.id());
        return node;
    }

    private static ObjectNode mediaParticipant(
            ArrayNode participants, String id, String name, String purpose, Snapshot conversation) {
        ObjectNode participant = participants.addObject();
        participant.put("id", id);
        participant.put("name", name);
        participant.put("startTime", SimulatorJson.iso(conversation.startMs()));
        participant.put("connectedTime", SimulatorJson.iso(conversation.startMs()));
        participant.put("purpose", purpose);
        participant.put("state", "connected");
        participant.put("direction", "inbound");
        participant.put("held", false);
        participant.put("type", TYPE);
        participant.putArray("messages");
        return participant;
    }

    /**
     * The reply to {@code POST …/communications/{id}/messages}: {@code MessageData}, the text in
     * {@code normalizedMessage} (current SDKs) and in the deprecated {@code textBody} (older ones).
     */
    static ObjectNode messageData(String conversationId, String messageId, String text, long at) {
        String time = SimulatorJson.iso(at);
        ObjectNode entity = SimulatorJson.object();
        entity.put("id", messageId);
        entity.put("conversationId", conversationId);
        entity.put("timestamp", time);
        entity.put("direction", "outbound");
        entity.put("messengerType", TYPE);
        entity.put("textBody", text);
        entity.put("status", "sent");
        ObjectNode normalized = entity.putObject("normalizedMessage");
        normalized.put("id", messageId);
        normalized
                .putObject("channel")
                .put("platform", "WebMessaging")
                .put("messageId", messageId)
                .put("time", time);
        normalized.put("type", "Text");
        normalized.put("text", text);
        normalized.put("originatingEntity", "Human");
        normalized.put("direction", "Outbound");
        entity.put("selfUri", "/api/v2/conversations/messages/" + conversationId + "/messages/" + messageId);
        return entity;
    }
}
