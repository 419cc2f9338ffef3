package debugger

import "unicode/utf16"

// Murmur2 is MurmurHash2 (32 bits) of s as JupyterLab computes it to name
// a cell's file (debugInfo's hashMethod "Murmur2"): JupyterLab uses the
// murmurhash-js package, which hashes the low byte of each UTF-16 code
// unit. For ASCII that is the UTF-8 hash ipykernel computes; for other
// text the two differ, and the frontend's is the one that must match.
func Murmur2(s string, seed uint32) uint32 {
	const m = 0x5bd1e995
	units := utf16.Encode([]rune(s))
	data := make([]byte, len(units))
	for i, u := range units {
		data[i] = byte(u)
	}
	h := seed ^ uint32(len(data))
	for len(data) >= 4 {
		k := uint32(data[0]) | uint32(data[1])<<8 | uint32(data[2])<<16 | uint32(data[3])<<24
		k *= m
		k ^= k >> 24
		k *= m
		h = h*m ^ k
		data = data[4:]
	}
	switch len(data) {
	case 3:
		h ^= uint32(data[2]) << 16
		fallthrough
	case 2:
		h ^= uint32(data[1]) << 8
		fallthrough
	case 1:
		h ^= uint32(data[0])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return h
}
