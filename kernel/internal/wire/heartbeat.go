package wire

// The REP side of a socket (heartbeat): every ping is echoed back.

// echo serves a heartbeat (REP) connection in its own goroutine: every
// message is written straight back (for a REQ peer the envelope is the empty
// delimiter, so echoing the whole message is the REP reply). It waits on
// nothing but this connection and ends when the connection fails or Close
// closes it.
func (k *socket) echo(p *peer) {
	var bw batchWriter
	msgs := make([]outMsg, 1)
	for {
		frames, cmd, err := readMsgLimit(p.br, 0, maxHeartbeatMessage, nil)
		if err != nil {
			k.readFailed(p, err)
			return
		}
		if cmd {
			continue
		}
		msgs[0] = outMsg{frames: frames}
		for _, f := range frames {
			msgs[0].size += len(f)
		}
		if err := bw.write(p.nc, msgs, k.s.stall); err != nil {
			if !k.s.isClosing() {
				k.s.log.Warn("wire: heartbeat write failed", "peer", p.remote, "err", err)
			}
			return
		}
	}
}
