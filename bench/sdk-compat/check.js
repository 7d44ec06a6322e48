// Drives `gctyping simulate` with Genesys' own JavaScript Platform SDK (agent side) and a bare `ws`
// guest that behaves like third-party guest clients do (throws on any code other than 200, needs
// body.channel.time on every StructuredMessage). Usage, from this folder:
//   npm install && java -jar ../../target/gctyping.jar simulate --port 18080 --ws-port 18081 &
//   node check.js 18080 18081        # one PASS/FAIL line per check; exit 0 when all pass
const platformClient = require('purecloud-platform-client-v2');
const WebSocket = require('ws');
const [httpPort, wsPort] = process.argv.slice(2);
const results = [];
const check = (name, ok, detail) => { results.push({ name, ok: !!ok, detail }); };

function guest() {
  const ws = new WebSocket(`ws://127.0.0.1:${wsPort}/v1?deploymentId=dep-node`, { origin: 'https://shop.example' });
  const frames = [];
  const waiters = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString('utf-8'));
    if (frame.code !== 200) throw new Error(`code ${frame.code}: ${JSON.stringify(frame.body)}`);
    if (frame.class === 'StructuredMessage' && Number.isNaN(Date.parse(frame.body.channel.time))) {
      throw new Error('no channel.time');
    }
    frames.push(frame);
    waiters.splice(0).forEach((w) => w());
  });
  const next = (pred, ms = 5000) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    const look = () => {
      const i = frames.findIndex(pred);
      if (i >= 0) { clearTimeout(t); resolve(frames.splice(i, 1)[0]); } else waiters.push(look);
    };
    look();
  });
  return { ws, next, open: new Promise((r) => ws.on('open', r)), closed: new Promise((r) => ws.on('close', (code) => r(code))) };
}

(async () => {
  const client = platformClient.ApiClient.instance;
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(httpPort) });
  await client.loginClientCredentialsGrant('gctyping-sim', 'gctyping-sim-secret');
  check('token via client credentials (Basic auth)', client.authData.accessToken);

  const g = guest();
  await g.open;
  const token = require('crypto').randomUUID();
  g.ws.send(JSON.stringify({ action: 'configureSession', deploymentId: 'dep-node', token }));
  const session = await g.next((f) => f.class === 'SessionResponse');
  const conversationId = session.body.conversationId;
  check('guest session configured', session.body.connected, conversationId);

  const conversations = new platformClient.ConversationsApi();
  const conversation = await conversations.getConversation(conversationId);
  const agent = conversation.participants.find((p) => p.purpose === 'agent');
  const communicationId = agent && agent.messages && agent.messages[0].id;
  check('conversation lookup: agent Participant.messages[0].id', communicationId, communicationId);
  const messaging = await conversations.getConversationsMessage(conversationId);
  check('messaging conversation (MessageMediaParticipant, no communicationId)',
    messaging.participants.every((p) => p.communicationId === undefined), messaging.participants.length);

  g.ws.send(JSON.stringify({ action: 'onMessage', token, message: { type: 'Text', text: 'hello agent' } }));
  const echo = await g.next((f) => f.class === 'StructuredMessage' && f.body.direction === 'Inbound' && f.body.type === 'Text');
  check('guest text echoed Inbound with channel.time', echo.body.channel && echo.body.channel.time, echo.body.channel);

  g.ws.send(JSON.stringify({ action: 'onMessage', token, message: { type: 'Event', events: [{ eventType: 'Typing', typing: { type: 'On' } }] } }));
  const own = await g.next((f) => f.body.type === 'Event' && f.body.direction === 'Inbound');
  check("guest's own typing comes back Inbound with code 200", own.body.events[0].typing.type === 'On');

  await conversations.postConversationsMessageCommunicationTyping(conversationId, communicationId, { typing: { type: 'On' } });
  const t1 = await g.next((f) => f.body.type === 'Event' && f.body.direction === 'Outbound');
  check('typing without duration reaches the guest', t1.body.events[0].typing.type === 'On' && t1.body.events[0].typing.duration === undefined, t1.body.events);
  await conversations.postConversationsMessageCommunicationTyping(conversationId, communicationId,
    { typing: { type: 'On', duration: 3000 }, dateSent: new Date() });
  const t2 = await g.next((f) => f.body.type === 'Event' && f.body.direction === 'Outbound');
  check('typing with duration reaches the guest', t2.body.events[0].typing.duration === 3000, t2.body.events);

  const message = await conversations.postConversationsMessageCommunicationMessages(conversationId, communicationId, { textBody: 'Here you go' });
  check('message reply is MessageData with normalizedMessage', message.normalizedMessage && message.normalizedMessage.text === 'Here you go' && message.normalizedMessage.type === 'Text', message.normalizedMessage);
  const text = await g.next((f) => f.body.type === 'Text' && f.body.direction === 'Outbound');
  check('agent message reaches the guest', text.body.text === 'Here you go');

  try {
    await conversations.postConversationsMessageCommunicationTyping(conversationId, 'not-a-communication', { typing: { type: 'On' } });
    check('unknown communication refused', false);
  } catch (e) {
    check('unknown communication refused (404 ErrorBody)', e.status === 404 && e.code === 'not.found', { status: e.status, code: e.code, message: e.message });
  }
  try {
    await conversations.postConversationsMessageCommunicationTyping(conversationId, communicationId, { typing: { type: 'On', duration: 1.9 } });
    check('fractional duration refused', false);
  } catch (e) {
    check('fractional duration refused (400 ErrorBody)', e.status === 400 && e.code === 'bad.request', e.message);
  }

  const analytics = new platformClient.AnalyticsApi();
  const day = new Date().toISOString().slice(0, 10);
  const query = await analytics.postAnalyticsConversationsDetailsQuery({
    interval: `${day}T00:00:00.000Z/${day}T23:59:59.999Z`,
    segmentFilters: [], conversationFilters: [{ type: 'or', predicates: [{ type: 'dimension', dimension: 'conversationId', operator: 'matches', value: conversationId }] }],
  });
  check('analytics details query finds the conversation', query.totalHits === 1 && query.conversations[0].conversationId === conversationId, query.totalHits);

  g.ws.send(JSON.stringify({ action: 'closeSession', token, closeAllConnections: true }));
  const closed = await g.next((f) => f.class === 'SessionResponse');
  check('closeSession answered with SessionResponse connected:false', closed.body.connected === false, closed.body);
  g.ws.close(1000);
  check('guest closes cleanly', (await g.closed) === 1000);
})().catch((e) => check('no exception', false, String(e && (e.stack || e.message) || JSON.stringify(e))))
  .finally(() => {
    for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.name}${r.detail === undefined ? '' : ' ' + JSON.stringify(r.detail)}`);
    process.exit(results.every((r) => r.ok) ? 0 : 1);
  });
