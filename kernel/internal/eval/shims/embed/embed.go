// Package embed is interpreted in place of the standard library's embed
// package, so that `import _ "embed"` works in cells. //go:embed fills
// string and []byte variables (see the kernel's embed.go); an FS cannot be
// filled outside the compiler, and a directive into one is refused.
package embed

// FS stands for embed.FS; the kernel refuses //go:embed into it.
type FS struct{}
