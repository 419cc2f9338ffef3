package modules

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// Config says where modules come from and how they are checked. FromEnv
// fills it the way the go command reads its environment.
type Config struct {
	// Proxies is GOPROXY parsed; empty means downloads are off.
	Proxies []Proxy
	// ProxySetting is GOPROXY as written, for messages.
	ProxySetting string
	// SumDB is the checksum database ("" when GOSUMDB=off).
	SumDB *SumDB
	// NoSumDB lists GONOSUMDB/GONOSUMCHECK/GOPRIVATE patterns: modules
	// matching them are checked against go.sum only.
	NoSumDB string
	// NoProxy lists GONOPROXY/GOPRIVATE patterns: such modules would need a
	// direct (VCS) download, which the kernel does not do.
	NoProxy string
	// Cache is the writable module cache (GOMODCACHE).
	Cache string
	// ReadOnly are further caches consulted before the network, e.g. the
	// one a classroom image ships (GOLESSONS_MODCACHE, colon separated).
	ReadOnly []string
	// WritableCache leaves extracted files writable (GOFLAGS=-modcacherw).
	WritableCache bool
	// Pins maps module paths to the versions a go.mod requires.
	Pins map[string]string
	// PinFile is the go.mod the pins came from, for messages.
	PinFile string
	// Sums holds go.sum lines: "path version" or "path version/go.mod" → hash.
	Sums map[string]string
	// HTTP is the client for proxies and the checksum database.
	HTTP *http.Client
}

// Proxy is one GOPROXY entry. FallBack says the next entry is tried after
// any error ("|" separator), not only after "not found" ("," separator).
type Proxy struct {
	URL      string // "direct", "off", https://..., file:///...
	FallBack bool
}

// FromEnv reads GOPROXY, GOSUMDB, GONOSUMDB, GONOSUMCHECK, GOPRIVATE,
// GONOPROXY, GOFLAGS, GOMODCACHE/GOPATH and GOLESSONS_MODCACHE, and the
// go.mod/go.sum of the first of dirs that has a go.mod.
func FromEnv(dirs ...string) (Config, error) {
	c := Config{HTTP: &http.Client{Timeout: 2 * time.Minute}, Sums: map[string]string{}}
	c.ProxySetting = envOr("GOPROXY", "https://proxy.golang.org,direct")
	c.Proxies = ParseProxy(c.ProxySetting)
	private := os.Getenv("GOPRIVATE")
	c.NoSumDB = joinPatterns(envOr("GONOSUMDB", private), os.Getenv("GONOSUMCHECK"))
	c.NoProxy = envOr("GONOPROXY", private)
	db, err := ParseSumDB(envOr("GOSUMDB", "sum.golang.org"))
	if err != nil {
		return c, err
	}
	c.SumDB = db
	for _, f := range strings.Fields(os.Getenv("GOFLAGS")) {
		if f == "-modcacherw" || f == "--modcacherw" || f == "-modcacherw=true" {
			c.WritableCache = true
		}
	}
	c.Cache = os.Getenv("GOMODCACHE")
	if c.Cache == "" {
		gopath := os.Getenv("GOPATH")
		if gopath == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return c, fmt.Errorf("no module cache: set GOMODCACHE (no home folder: %v)", err)
			}
			gopath = filepath.Join(home, "go")
		}
		c.Cache = filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod")
	}
	for _, d := range filepath.SplitList(os.Getenv("GOLESSONS_MODCACHE")) {
		if d != "" {
			c.ReadOnly = append(c.ReadOnly, d)
		}
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		ok, err := c.readGoMod(d)
		if err != nil {
			return c, err
		}
		if ok {
			break
		}
	}
	return c, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func joinPatterns(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + "," + b
}

// ParseProxy splits a GOPROXY value into its entries.
func ParseProxy(s string) []Proxy {
	var out []Proxy
	for s != "" {
		i := strings.IndexAny(s, ",|")
		entry, sep := s, byte(0)
		if i >= 0 {
			entry, sep, s = s[:i], s[i], s[i+1:]
		} else {
			s = ""
		}
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		out = append(out, Proxy{URL: strings.TrimSuffix(entry, "/"), FallBack: sep == '|'})
		if entry == "off" {
			break
		}
	}
	return out
}

// readGoMod takes pins and sums from dir/go.mod and dir/go.sum.
func (c *Config) readGoMod(dir string) (bool, error) {
	name := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	f, err := modfile.ParseLax(name, data, nil)
	if err != nil {
		return false, fmt.Errorf("cannot use %s to pin module versions: %w", name, err)
	}
	c.Pins = map[string]string{}
	c.PinFile = name
	for _, r := range f.Require {
		c.Pins[r.Mod.Path] = r.Mod.Version
	}
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return true, err
	}
	for _, line := range strings.Split(string(sum), "\n") {
		f := strings.Fields(line)
		if len(f) == 3 {
			c.Sums[f[0]+" "+f[1]] = f[2]
		}
	}
	return true, nil
}

// sumOff reports whether the checksum database is skipped for path.
func (c *Config) sumOff(path string) bool {
	return c.SumDB == nil || module.MatchPrefixPatterns(c.NoSumDB, path)
}
