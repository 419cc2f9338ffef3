package modules

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb"
)

// SumDB names a checksum database and the key its signed tree heads are
// checked with.
type SumDB struct {
	Name, Key, URL string
}

// goKey is the verifier key of sum.golang.org, as the go command has it.
const goKey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"

// ParseSumDB reads a GOSUMDB value: "off", "sum.golang.org",
// "sum.golang.google.cn", or "<key> [url]".
func ParseSumDB(s string) (*SumDB, error) {
	f := strings.Fields(s)
	if len(f) == 0 || f[0] == "off" {
		return nil, nil
	}
	db := &SumDB{Key: f[0]}
	switch f[0] {
	case "sum.golang.org":
		db.Key = goKey
	case "sum.golang.google.cn":
		db.Key, db.URL = goKey, "https://sum.golang.google.cn"
	}
	db.Name, _, _ = strings.Cut(db.Key, "+")
	if db.Name == db.Key {
		return nil, fmt.Errorf("GOSUMDB=%q: unknown checksum database (want off, sum.golang.org or name+key [url])", s)
	}
	if len(f) > 1 {
		db.URL = strings.TrimSuffix(f[1], "/")
	}
	if db.URL == "" {
		db.URL = "https://" + db.Name
	}
	return db, nil
}

// sumOps implements sumdb.ClientOps over the proxies (which serve the
// database at <proxy>/sumdb/<name>/...), then the database itself, with
// tiles cached where the go command caches them.
type sumOps struct {
	ctx      context.Context
	cfg      *Config
	tiles    string // GOMODCACHE/cache/download/sumdb
	configs  string // GOPATH/pkg/sumdb (next to GOMODCACHE)
	mu       sync.Mutex
	security []string
}

func (o *sumOps) ReadRemote(path string) ([]byte, error) {
	db := o.cfg.SumDB
	var urls []string
	for _, p := range o.cfg.Proxies {
		if p.URL != "off" && p.URL != "direct" {
			urls = append(urls, p.URL+"/sumdb/"+db.Name+path)
		}
	}
	urls = append(urls, db.URL+path)
	var errs []string
	for _, u := range urls {
		var data []byte
		err := get(o.ctx, o.cfg.HTTP, u, func(r io.Reader) error {
			var err error
			data, err = io.ReadAll(r)
			return err
		})
		if err == nil {
			return data, nil
		}
		errs = append(errs, err.Error())
	}
	return nil, &NetError{Proxy: "checksum database " + db.Name, Err: errors.New(strings.Join(errs, "; "))}
}

func (o *sumOps) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(o.cfg.SumDB.Key), nil
	}
	data, err := os.ReadFile(filepath.Join(o.configs, filepath.FromSlash(file)))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // start from an empty tree
	}
	return data, err
}

func (o *sumOps) WriteConfig(file string, old, new []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	name := filepath.Join(o.configs, filepath.FromSlash(file))
	cur, err := os.ReadFile(name)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if !bytes.Equal(cur, old) {
		return sumdb.ErrWriteConflict
	}
	return writeAtomic(name, new, 0o644)
}

func (o *sumOps) ReadCache(file string) ([]byte, error) {
	return os.ReadFile(filepath.Join(o.tiles, filepath.FromSlash(file)))
}

func (o *sumOps) WriteCache(file string, data []byte) {
	_ = writeAtomic(filepath.Join(o.tiles, filepath.FromSlash(file)), data, 0o644) // a cache: a failed write only costs a later download
}

func (o *sumOps) Log(string) {}

func (o *sumOps) SecurityError(msg string) {
	o.mu.Lock()
	o.security = append(o.security, msg)
	o.mu.Unlock()
}

// checkSum verifies hash h of "path version" (kind "") or of its go.mod
// (kind "/go.mod"): against go.sum first, then the checksum database.
func (f *Fetcher) checkSum(ctx context.Context, path, version, kind, h string) error {
	key := path + " " + version + kind
	if want, ok := f.cfg.Sums[key]; ok {
		if want != h {
			return fmt.Errorf("SECURITY ERROR: checksum mismatch for %s: downloaded %s, but %s says %s: the download was not used", key, h, filepath.Join(filepath.Dir(f.cfg.PinFile), "go.sum"), want)
		}
		return nil
	}
	if f.cfg.sumOff(path) {
		return nil
	}
	f.sumOnce.Do(func() {
		f.ops = &sumOps{ctx: ctx, cfg: &f.cfg,
			tiles:   filepath.Join(f.cfg.Cache, "cache", "download", "sumdb"),
			configs: filepath.Join(filepath.Dir(f.cfg.Cache), "sumdb")}
		f.sum = sumdb.NewClient(f.ops)
	})
	f.ops.ctx = ctx
	lines, err := f.sum.Lookup(path, version+kind)
	if err != nil {
		if len(f.ops.security) > 0 {
			return fmt.Errorf("SECURITY ERROR from the checksum database %s: %s", f.cfg.SumDB.Name, strings.Join(f.ops.security, "; "))
		}
		return fmt.Errorf("verifying %s: %w", key, err)
	}
	for _, l := range lines {
		if l == key+" "+h {
			return nil
		}
	}
	return fmt.Errorf("SECURITY ERROR: checksum mismatch for %s: downloaded %s, but the checksum database %s says %s: the download was not used", key, h, f.cfg.SumDB.Name, strings.Join(lines, "; "))
}
