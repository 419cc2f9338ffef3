package wire

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
)

// ConnectionInfo is the content of a Jupyter connection file.
//
// Its String, GoString and LogValue methods never show Key.
type ConnectionInfo struct {
	Transport       string `json:"transport"` // "tcp" (default) or "ipc"
	IP              string `json:"ip"`        // default 127.0.0.1; "*" means all interfaces
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`              // HMAC key; empty: messages are not signed
	SignatureScheme string `json:"signature_scheme"` // "hmac-sha256" (default)
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and validates a connection file, filling the
// defaults (transport tcp, ip 127.0.0.1, signature_scheme hmac-sha256).
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var info ConnectionInfo
	b, err := os.ReadFile(path)
	if err != nil {
		return info, fmt.Errorf("wire: read connection file: %w", err)
	}
	if err := json.Unmarshal(b, &info); err != nil {
		return info, fmt.Errorf("wire: parse connection file %s: %w", path, err)
	}
	info = info.withDefaults()
	if err := info.validate(); err != nil {
		return info, fmt.Errorf("wire: connection file %s: %w", path, err)
	}
	return info, nil
}

func (c ConnectionInfo) withDefaults() ConnectionInfo {
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.IP == "" {
		c.IP = "127.0.0.1"
	}
	if c.SignatureScheme == "" {
		c.SignatureScheme = "hmac-sha256"
	}
	return c
}

func (c ConnectionInfo) validate() error {
	switch c.Transport {
	case "tcp", "ipc":
	default:
		return fmt.Errorf("unsupported transport %q (want tcp or ipc)", c.Transport)
	}
	if c.Key != "" && c.SignatureScheme != "hmac-sha256" {
		return fmt.Errorf("unsupported signature_scheme %q (want hmac-sha256)", c.SignatureScheme)
	}
	for _, ch := range channels {
		p := c.Port(ch)
		if p < 0 || p > 65535 {
			return fmt.Errorf("%s port %d out of range", ch, p)
		}
	}
	if c.Transport == "tcp" && c.IP != "*" && net.ParseIP(c.IP) == nil {
		if _, err := net.LookupHost(c.IP); err != nil {
			return fmt.Errorf("ip %q: %w", c.IP, err)
		}
	}
	return nil
}

// Port returns the port of channel ch.
func (c ConnectionInfo) Port(ch Channel) int {
	switch ch {
	case Shell:
		return c.ShellPort
	case Control:
		return c.ControlPort
	case Stdin:
		return c.StdinPort
	case IOPub:
		return c.IOPubPort
	case Heartbeat:
		return c.HBPort
	}
	return 0
}

func (c *ConnectionInfo) setPort(ch Channel, port int) {
	switch ch {
	case Shell:
		c.ShellPort = port
	case Control:
		c.ControlPort = port
	case Stdin:
		c.StdinPort = port
	case IOPub:
		c.IOPubPort = port
	case Heartbeat:
		c.HBPort = port
	}
}

// Endpoint returns the ZeroMQ endpoint of channel ch, e.g.
// "tcp://127.0.0.1:5555" or "ipc://kernel-ipc-5555" (Jupyter's ipc naming).
func (c ConnectionInfo) Endpoint(ch Channel) string {
	if c.Transport == "ipc" {
		return "ipc://" + c.ipcPath(c.Port(ch))
	}
	return "tcp://" + net.JoinHostPort(c.IP, strconv.Itoa(c.Port(ch)))
}

func (c ConnectionInfo) ipcPath(port int) string { return c.IP + "-" + strconv.Itoa(port) }

// String describes c without the key.
func (c ConnectionInfo) String() string {
	return fmt.Sprintf("%s://%s shell=%d iopub=%d stdin=%d control=%d hb=%d signed=%t",
		c.Transport, c.IP, c.ShellPort, c.IOPubPort, c.StdinPort, c.ControlPort, c.HBPort, c.Key != "")
}

// GoString describes c without the key (for %#v).
func (c ConnectionInfo) GoString() string { return "wire.ConnectionInfo{" + c.String() + "}" }

// LogValue implements slog.LogValuer without the key.
func (c ConnectionInfo) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("transport", c.Transport),
		slog.String("ip", c.IP),
		slog.Int("shell", c.ShellPort),
		slog.Int("iopub", c.IOPubPort),
		slog.Int("stdin", c.StdinPort),
		slog.Int("control", c.ControlPort),
		slog.Int("hb", c.HBPort),
		slog.Bool("signed", c.Key != ""),
	)
}
