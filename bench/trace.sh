#!/usr/bin/env bash
# Writes a synthetic trace to stdout: EVENTS events (~110 bytes a line) over CONVERSATIONS
# concurrent conversations, each event in a random one, the clock advancing 0-2 ms per event, so
# traces of the same length span the same time whatever their number of conversations.
# AGENTS agents: conversation c is handled by agent c % AGENTS (default: one agent each).
# Usage: bench/trace.sh EVENTS [CONVERSATIONS (default 2000)] [AGENTS (default CONVERSATIONS)]
set -euo pipefail
events=$1
conversations=${2:-2000}
agents=${3:-$conversations}
awk -v n="$events" -v convs="$conversations" -v agents="$agents" 'BEGIN { srand(7); t = 1764000000000
  for (i = 0; i < n; i++) { t += int(rand() * 3); c = int(rand() * convs); r = rand()
    ev = r < 0.02 ? "send" : (r < 0.025 ? "blur" : "keystroke")
    printf "{\"ts\": %.0f, \"conversationId\": \"conv-%06d\", \"agentId\": \"agent-%05d\", \"event\": \"%s\", \"key\": \"%c\"}\n", t, c, c % agents, ev, 97 + int(rand() * 26) } }'
