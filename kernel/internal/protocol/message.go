// Package protocol holds the Jupyter messaging protocol 5.4 types: message
// types, the header and message structs, and content structs for the common
// requests and replies. It does no I/O; the wire package frames, signs and
// sends these messages.
//
// The MsgType constants take the plain names (ExecuteRequest is
// "execute_request"), so content structs are named after them with a
// Content suffix (ExecuteRequestContent is the content of an
// execute_request). Content structs whose spec fields must be present even
// when empty marshal nil maps and slices as {} and [].
package protocol

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Version is the messaging protocol version this kernel speaks.
const Version = "5.4"

// Username is the header.username of messages the kernel creates.
const Username = "kernel"

// DateLayout is the layout of header.date: RFC 3339, UTC, microseconds.
const DateLayout = "2006-01-02T15:04:05.000000Z"

// Header is a message header (also used as parent_header).
type Header struct {
	MsgID    string  `json:"msg_id"`
	Session  string  `json:"session"`
	Username string  `json:"username"`
	Date     string  `json:"date"`
	MsgType  MsgType `json:"msg_type"`
	Version  string  `json:"version"`
}

// Message is one Jupyter message.
//
// Identities is the ZMQ routing prefix: on ROUTER channels the first identity
// names the peer the message came from / goes to; on iopub it is the topic.
// Identities and Buffers are not signed. Content is the raw JSON content.
//
// Messages decoded by the wire package alias the received frames; messages
// handed to wire.Server.Send must not be modified afterwards (sending is
// asynchronous).
type Message struct {
	Identities [][]byte
	Header     Header
	Parent     Header // encoded as {} when Parent.MsgID == ""
	Metadata   map[string]any
	Content    json.RawMessage
	Buffers    [][]byte
}

// NewMessage makes a message of type t in the given session. parent may be
// nil (no parent, encoded as {}). content may be nil (encoded as {}), a
// json.RawMessage or []byte holding JSON (used as is after validation), or
// any value encoding/json can marshal.
func NewMessage(t MsgType, session string, parent *Header, content any) (*Message, error) {
	raw, err := MarshalContent(content)
	if err != nil {
		return nil, fmt.Errorf("protocol: %s content: %w", t, err)
	}
	m := &Message{
		Header: Header{
			MsgID:    NewID(),
			Session:  session,
			Username: Username,
			Date:     Now(),
			MsgType:  t,
			Version:  Version,
		},
		Content: raw,
	}
	if parent != nil {
		m.Parent = *parent
	}
	return m, nil
}

// Reply makes a reply to m: same identities (so it routes back to the
// requesting peer), parent = m.Header. Its header's session is left empty:
// a message's session names its sender, so the transport stamps the
// kernel's own (as ipykernel does; JupyterLab tracks the kernel by it).
func (m *Message) Reply(t MsgType, content any) (*Message, error) {
	r, err := NewMessage(t, "", &m.Header, content)
	if err != nil {
		return nil, err
	}
	if len(m.Identities) > 0 {
		r.Identities = append([][]byte(nil), m.Identities...)
	}
	return r, nil
}

// Child makes a message (typically for iopub) whose parent is m.Header,
// without identities; the transport stamps the session, as for Reply.
func (m *Message) Child(t MsgType, content any) (*Message, error) {
	return NewMessage(t, "", &m.Header, content)
}

// DecodeContent unmarshals m.Content into v.
func (m *Message) DecodeContent(v any) error {
	if len(m.Content) == 0 {
		return json.Unmarshal([]byte("{}"), v)
	}
	return json.Unmarshal(m.Content, v)
}

// NewID returns a random (version 4) UUID string from crypto/rand.
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // never fails (Go ≥ 1.24 crashes the program instead)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexdigits = "0123456789abcdef"
	var s [36]byte
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j] = hexdigits[c>>4]
		s[j+1] = hexdigits[c&0x0f]
		j += 2
	}
	return string(s[:])
}

// Now returns the current time as a header date (DateLayout).
func Now() string { return FormatDate(time.Now()) }

// FormatDate formats t as a header date (DateLayout, converted to UTC).
func FormatDate(t time.Time) string {
	var b [32]byte
	return string(t.UTC().AppendFormat(b[:0], DateLayout))
}

var errInvalidJSON = errors.New("invalid JSON")

var encBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// MarshalContent encodes message content the way NewMessage does: nil → {},
// json.RawMessage or []byte → validated and used as is (not copied), anything
// else → encoding/json without HTML escaping (so text/html output is not
// bloated with \u003c escapes).
func MarshalContent(content any) (json.RawMessage, error) {
	switch v := content.(type) {
	case nil:
		return json.RawMessage("{}"), nil
	case json.RawMessage:
		if len(v) == 0 {
			return json.RawMessage("{}"), nil
		}
		if !json.Valid(v) {
			return nil, errInvalidJSON
		}
		return v, nil
	case []byte:
		if len(v) == 0 {
			return json.RawMessage("{}"), nil
		}
		if !json.Valid(v) {
			return nil, errInvalidJSON
		}
		return json.RawMessage(v), nil
	}
	buf := encBufs.Get().(*bytes.Buffer)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(content); err != nil {
		encBufs.Put(buf)
		return nil, err
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
	raw := make(json.RawMessage, len(out))
	copy(raw, out)
	if buf.Cap() <= 1<<20 {
		encBufs.Put(buf)
	}
	return raw, nil
}
