package wire

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"sync"
	"unicode/utf8"

	"golessons/kernel/internal/protocol"
)

// Delimiter separates the routing identities from the signed message parts.
const Delimiter = "<IDS|MSG>"

// Errors of Decode (and of messages the Server drops). Test with errors.Is:
// every malformed-input error wraps ErrMalformed, every signature error
// wraps ErrBadSignature.
var (
	ErrMalformed    = errors.New("wire: malformed message")
	ErrNoDelimiter  = wrapErr(ErrMalformed, "no <IDS|MSG> delimiter")
	ErrTooFewFrames = wrapErr(ErrMalformed, "too few frames after the delimiter")
	ErrBadJSON      = wrapErr(ErrMalformed, "invalid JSON")
	ErrNoMsgType    = wrapErr(ErrMalformed, "header without msg_type")

	ErrBadSignature = errors.New("wire: bad signature")
	ErrBadHex       = wrapErr(ErrBadSignature, "signature is not 64 hex digits")

	// ErrReplay reports a message whose (valid) signature was seen before.
	ErrReplay = errors.New("wire: replayed signature")
)

type wrappedErr struct {
	base error
	msg  string
}

func wrapErr(base error, msg string) error { return &wrappedErr{base, msg} }
func (e *wrappedErr) Error() string        { return e.base.Error() + ": " + e.msg }
func (e *wrappedErr) Unwrap() error        { return e.base }

// jsonErr keeps the sentinel and the JSON error's text (which never quotes
// more than one character of the input).
type jsonErr struct {
	part string
	err  error
}

func (e *jsonErr) Error() string { return ErrBadJSON.Error() + " in " + e.part + ": " + e.err.Error() }
func (e *jsonErr) Unwrap() error { return ErrBadJSON }
func (e *jsonErr) Cause() error  { return e.err }
func badJSON(part string, err error) error {
	return &jsonErr{part, err}
}

var (
	delimiter = []byte(Delimiter)
	emptyObj  = []byte("{}")
)

// ---- signing ----

// signer computes HMAC-SHA256 signatures with one key, reusing hash states.
type signer struct {
	key  []byte
	pool sync.Pool // *macState
}

type macState struct {
	h   hash.Hash
	sum [sha256.Size]byte
}

func newSigner(key []byte) *signer {
	if len(key) == 0 {
		return nil
	}
	s := &signer{key: bytes.Clone(key)}
	s.pool.New = func() any { return &macState{h: hmac.New(sha256.New, s.key)} }
	return s
}

// mac computes the signature of the four signed parts into dst.
func (s *signer) mac(dst *[sha256.Size]byte, header, parent, metadata, content []byte) {
	st := s.pool.Get().(*macState)
	st.h.Reset()
	st.h.Write(header)
	st.h.Write(parent)
	st.h.Write(metadata)
	st.h.Write(content)
	*dst = [sha256.Size]byte(st.h.Sum(st.sum[:0]))
	s.pool.Put(st)
}

// signerFor is the signer the package-level Encode and Decode use; a
// Server keeps its own.
func signerFor(key []byte) *signer {
	if len(key) == 0 {
		return nil
	}
	return newSigner(key)
}

// ---- encode ----

// Encode returns the ZMQ frames of msg: identities..., <IDS|MSG>, signature,
// header, parent_header, metadata, content, buffers... The signature is the
// lowercase hex HMAC-SHA256 of header, parent, metadata and content under
// key; with an empty key it is empty. A nil parent (Parent.MsgID == ""),
// metadata or content encodes as {}; metadata that encoding/json cannot
// marshal also encodes as {} (Server.Send reports that error instead).
//
// The frames alias msg's identities, content and buffers and may share
// memory with each other; treat them as read-only.
func Encode(msg *protocol.Message, key []byte) [][]byte {
	frames, _, _ := encode(msg, signerFor(key))
	return frames
}

// encode is Encode with the metadata error and the total size.
func encode(m *protocol.Message, s *signer) (frames [][]byte, size int, err error) {
	frames = make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, delimiter)

	meta := emptyObj
	if len(m.Metadata) > 0 {
		b, merr := protocol.MarshalContent(m.Metadata)
		if merr != nil {
			err = merr
		} else {
			meta = b
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = emptyObj
	}

	sigLen := 0
	if s != nil {
		sigLen = 2 * sha256.Size
	}
	buf := make([]byte, sigLen, sigLen+2*headerCap(&m.Header)+headerCap(&m.Parent)+8)
	buf = appendHeader(buf, &m.Header)
	hEnd := len(buf)
	if m.Parent.MsgID == "" {
		buf = append(buf, '{', '}')
	} else {
		buf = appendHeader(buf, &m.Parent)
	}
	pEnd := len(buf)
	header := buf[sigLen:hEnd:hEnd]
	parent := buf[hEnd:pEnd:pEnd]
	if s != nil {
		var sum [sha256.Size]byte
		s.mac(&sum, header, parent, meta, content)
		hex.Encode(buf[:sigLen], sum[:])
	}
	frames = append(frames, buf[:sigLen:sigLen], header, parent, meta, content)
	frames = append(frames, m.Buffers...)
	for _, f := range frames {
		size += len(f)
	}
	return frames, size, err
}

func headerCap(h *protocol.Header) int {
	return 80 + len(h.MsgID) + len(h.Session) + len(h.Username) + len(h.Date) + len(h.MsgType) + len(h.Version)
}

// appendHeader appends h as a JSON object (keys in the spec's order).
func appendHeader(b []byte, h *protocol.Header) []byte {
	b = append(b, `{"msg_id":`...)
	b = appendJSONString(b, h.MsgID)
	b = append(b, `,"session":`...)
	b = appendJSONString(b, h.Session)
	b = append(b, `,"username":`...)
	b = appendJSONString(b, h.Username)
	b = append(b, `,"date":`...)
	b = appendJSONString(b, h.Date)
	b = append(b, `,"msg_type":`...)
	b = appendJSONString(b, string(h.MsgType))
	b = append(b, `,"version":`...)
	b = appendJSONString(b, h.Version)
	return append(b, '}')
}

// appendJSONString appends s as a JSON string, escaping like encoding/json
// without HTML escaping (invalid UTF-8 becomes U+FFFD).
func appendJSONString(b []byte, s string) []byte {
	const hexdigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexdigits[c>>4], hexdigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexdigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// ---- decode ----

// Decode parses and verifies the frames of one message as received by a
// ROUTER socket: identities..., <IDS|MSG>, signature, header, parent_header,
// metadata, content, buffers... With a non-empty key the signature must be
// the hex HMAC-SHA256 of the four signed parts (compared with hmac.Equal);
// with an empty key it is not checked. Replay detection is stateful and done
// by the Server, not here.
//
// The returned message aliases frames (Identities, Content, Buffers).
// Errors wrap ErrMalformed or ErrBadSignature.
func Decode(frames [][]byte, key []byte) (*protocol.Message, error) {
	m, _, err := decode(frames, signerFor(key))
	return m, err
}

// decode is Decode that also returns the verified signature digest.
func decode(frames [][]byte, s *signer) (*protocol.Message, [sha256.Size]byte, error) {
	var got [sha256.Size]byte
	delim := -1
	for i, f := range frames {
		if len(f) == len(Delimiter) && string(f) == Delimiter {
			delim = i
			break
		}
	}
	if delim < 0 {
		return nil, got, ErrNoDelimiter
	}
	rest := frames[delim+1:]
	if len(rest) < 5 {
		return nil, got, ErrTooFewFrames
	}
	sig, header, parent, meta, content := rest[0], rest[1], rest[2], rest[3], rest[4]
	if s != nil {
		if len(sig) != 2*sha256.Size {
			return nil, got, ErrBadHex
		}
		if _, err := hex.Decode(got[:], sig); err != nil {
			return nil, got, ErrBadHex
		}
		var want [sha256.Size]byte
		s.mac(&want, header, parent, meta, content)
		if !hmac.Equal(got[:], want[:]) {
			return nil, got, ErrBadSignature
		}
	}

	m := &protocol.Message{}
	if delim > 0 {
		m.Identities = frames[:delim:delim]
	}
	if !isObject(header) {
		return nil, got, badJSON("header", errNotObject)
	}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, got, badJSON("header", err)
	}
	if m.Header.MsgType == "" {
		return nil, got, ErrNoMsgType
	}
	if !isObjectOrNull(parent) {
		return nil, got, badJSON("parent_header", errNotObject)
	}
	if err := json.Unmarshal(parent, &m.Parent); err != nil {
		return nil, got, badJSON("parent_header", err)
	}
	if !isObjectOrNull(meta) {
		return nil, got, badJSON("metadata", errNotObject)
	}
	if !bytes.Equal(bytes.TrimSpace(meta), emptyObj) {
		if err := json.Unmarshal(meta, &m.Metadata); err != nil {
			return nil, got, badJSON("metadata", err)
		}
	}
	if !isObjectOrNull(content) {
		return nil, got, badJSON("content", errNotObject)
	}
	if !json.Valid(content) {
		return nil, got, badJSON("content", errInvalid)
	}
	m.Content = content
	if len(rest) > 5 {
		m.Buffers = rest[5:len(rest):len(rest)]
	}
	return m, got, nil
}

var (
	errNotObject = errors.New("not a JSON object")
	errInvalid   = errors.New("invalid JSON")
)

func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c
	}
	return 0
}

func isObject(b []byte) bool { return firstByte(b) == '{' }

func isObjectOrNull(b []byte) bool {
	switch firstByte(b) {
	case '{':
		return true
	case 'n':
		return string(bytes.TrimSpace(b)) == "null"
	}
	return false
}
