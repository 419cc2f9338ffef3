// Package wire is the kernel's ZeroMQ transport: the five Jupyter sockets,
// message framing, HMAC signing and verification, and the heartbeat.
//
// # Sockets
//
// shell, control and stdin are ROUTER sockets, iopub is a PUB socket and the
// heartbeat is a REP socket, each bound only to the connection file's ip.
// zmq4 (github.com/go-zeromq/zmq4) performs each connection's ZMTP greeting
// and NULL-security handshake (zmq4.Open, which also checks that the peer's
// socket type is compatible); after it, this package reads and writes ZMTP
// 3.0 frames on the connection itself. It does not use zmq4's socket types:
//
//   - zmq4 v0.17.0's PUB socket has one writer goroutine that writes to
//     every subscriber in turn, without deadline, while holding the lock
//     that adding and removing subscribers also take, and its queue is
//     unbounded (go-zeromq/zmq4 issue 151). A subscriber that stops reading
//     without closing its connection (a suspended or hung client, a socket a
//     frontend left open) therefore stalls delivery to every subscriber,
//     new subscribers are never added, and the queue grows without bound.
//     The upstream fix (PR 156, on an untagged commit) gives each
//     subscriber its own queue but drops messages when it is full.
//   - zmq4's ROUTER writes to peers under the same kind of lock, without
//     deadlines, and runs handshakes inside its accept loop, so one silent
//     client blocks all new connections.
//
// Here every connection has its own bounded queue and its own writer, writes
// have deadlines, handshakes run in their own goroutine with a timeout, and
// frame sizes are bounded (a peer cannot make the kernel allocate what it
// merely announces). A peer that has not yet sent one correctly signed
// message may send messages of at most 1 MiB, and all such peers together
// at most 32 MiB being read; subscriptions and heartbeats at most 64 KiB;
// each socket at most 1024 connections (budget.go). Over a bound, the
// connection is closed and logged.
//
// # Messages
//
// Frames are identities..., "<IDS|MSG>", signature, header, parent_header,
// metadata, content, buffers.... Encode and Decode are pure functions; the
// Server drops (and logs, rate-limited, never with the key or a signature)
// messages that Decode rejects and messages whose signature it has already
// seen among the last 32768 (replays). With an empty key nothing is signed
// or checked.
//
// ROUTER routing: a request's Msg.Identities[0] is the peer's identity (the
// one it announced, or a generated one starting with a zero byte). A reply
// (a message whose parent is one of the last 4096 requests of that socket,
// matched by msg_id, msg_type and date: clients of one KernelManager number
// their msg_ids alike) goes back to the connection that sent the request, if
// it is still there;
// any other message, and a reply whose requester is gone, goes to the newest
// live connection with the identity. So clients of one KernelManager, which
// share its session and hence their identity, each get their own replies,
// and a client that reconnects with the same identity (a frontend restart)
// gets its replies even before the server notices that the old connection
// died.
//
// iopub: a subscriber gets the messages whose topic (first frame) its
// subscription prefixes, in the one order in which Send calls were
// serialized. A new subscription is answered with an iopub_welcome message
// (JEP 65) to that subscriber alone. A subscriber's queue holds at most 1000
// messages or 16 MiB. When it is full, Send waits while the subscriber keeps
// reading (back-pressure: a client slower than a flood still gets all of
// it); a subscriber whose full queue has not moved for 2 s is stalled and
// loses what it cannot take, as with ZeroMQ's PUB high-water mark: the loss
// is counted and logged, and Send no longer waits for it, so one hung
// client costs the others at most those 2 s, once. A subscriber that reads
// nothing for 30 s (plus 1 s per MiB being written) is disconnected.
//
// # Goroutines
//
// For each of the five sockets:
//
//   - one accept goroutine; it ends when Close closes the listener;
//   - per accepted connection, one goroutine that performs the handshake (at
//     most 10 s) and then is the connection's only reader. On a ROUTER it
//     decodes and verifies requests and sends them to Incoming; on the PUB it
//     tracks subscriptions; on the heartbeat it echoes each message back
//     itself, waiting on nothing but its own connection. It ends when the
//     connection fails (peer gone, protocol error) or is closed by Close;
//   - per ROUTER or PUB connection, one writer goroutine, the only one that
//     writes to that connection, fed by the connection's queue. It ends when
//     the connection is killed: its reader ended, a write failed or stalled,
//     or Close.
//
// Send encodes and signs in the caller's goroutine and only queues. Close
// closes the listeners and all connections, waits for every goroutine above,
// and then closes the Incoming channel. Cancelling Listen's context calls
// Close.
package wire
