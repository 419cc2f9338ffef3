package modules

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
)

// errNotFound is a proxy's 404/410: the next ","-separated proxy is tried.
var errNotFound = errors.New("not found")

// maxBody bounds what one proxy answer may be (module zips are at most
// 500 MB by the module zip format's rules).
const maxBody = 500 << 20

// NetError is a failure to reach the module proxy (no network, DNS,
// timeout, a 5xx answer).
type NetError struct {
	Proxy string
	Err   error
}

func (e *NetError) Error() string {
	return fmt.Sprintf("cannot reach the module proxy %s: %v", e.Proxy, e.Err)
}
func (e *NetError) Unwrap() error { return e.Err }

// fetch gets <proxy>/<escaped module path>/@v/<file> (or @latest) from the
// first proxy that has it, writing it to w. It returns the proxy used.
func (c *Config) fetch(ctx context.Context, modPath, file string, w func(io.Reader) error) (string, error) {
	esc, err := module.EscapePath(modPath)
	if err != nil {
		return "", err
	}
	if module.MatchPrefixPatterns(c.NoProxy, modPath) {
		return "", fmt.Errorf("%s matches GONOPROXY/GOPRIVATE, which needs a direct download from its repository; the kernel downloads only through a module proxy: add the module to the module cache with the go command (go mod download %s)", modPath, modPath)
	}
	var errs []string
	tried := 0
	for _, p := range c.Proxies {
		switch p.URL {
		case "off":
			errs = append(errs, "GOPROXY=off forbids downloads")
			return "", &NetError{Proxy: c.ProxySetting, Err: errors.New(strings.Join(errs, "; "))}
		case "direct":
			errs = append(errs, "direct downloads from repositories are not supported by the kernel (only module proxies)")
			continue
		}
		tried++
		err := get(ctx, c.HTTP, p.URL+"/"+esc+"/"+file, w)
		if err == nil {
			return p.URL, nil
		}
		if errors.Is(err, errNotFound) {
			errs = append(errs, fmt.Sprintf("%s: %s", p.URL, err))
			continue
		}
		if p.FallBack {
			errs = append(errs, err.Error())
			continue
		}
		var se *statusError
		if errors.As(err, &se) {
			return "", err
		}
		return "", &NetError{Proxy: p.URL, Err: err}
	}
	if tried == 0 {
		return "", &NetError{Proxy: "GOPROXY=" + c.ProxySetting, Err: errors.New("no module proxy to download from: the kernel does not download from repositories directly; set GOPROXY=https://proxy.golang.org (or a file:// proxy)")}
	}
	return "", fmt.Errorf("%w: %s", errNotFound, strings.Join(errs, "; "))
}

// get reads one URL (http, https or file) into w.
func get(ctx context.Context, client *http.Client, rawURL string, w func(io.Reader) error) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	if u.Scheme == "file" {
		f, err := os.Open(filepath.FromSlash(u.Path))
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w (%s)", errNotFound, u.Path)
		}
		if err != nil {
			return err
		}
		defer f.Close()
		return w(io.LimitReader(f, maxBody))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("unsupported proxy URL %q (want https://, http:// or file://)", rawURL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
		return w(io.LimitReader(resp.Body, maxBody))
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("%w: %s", errNotFound, strings.TrimSpace(string(msg)))
	default:
		return &statusError{url: rawURL, status: resp.Status}
	}
}

// statusError is an answer other than 200, 404 and 410: the proxy was
// reached, so it is not a network problem.
type statusError struct{ url, status string }

func (e *statusError) Error() string { return e.url + ": " + e.status }

// fetchBytes is fetch into memory, for the small files (.info, .mod, list).
func (c *Config) fetchBytes(ctx context.Context, modPath, file string) ([]byte, string, error) {
	var data []byte
	src, err := c.fetch(ctx, modPath, file, func(r io.Reader) error {
		var err error
		data, err = io.ReadAll(io.LimitReader(r, 16<<20))
		return err
	})
	return data, src, err
}
