package testsite

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Options configure a Server. The zero value serves without added latency.
type Options struct {
	// Latency is added before every response (faults add their own delays).
	Latency time.Duration
}

// Server serves a site tree on a loopback httptest server. It is safe for
// concurrent use.
type Server struct {
	dir   string
	opts  Options
	ts    *httptest.Server
	done  chan struct{} // closed by Close: releases hanging handlers
	once  sync.Once
	sites map[string]siteConfig // host → .site settings, read once in New

	mu     sync.Mutex
	faults map[string][]*faultEntry // host → faults, most recent first
	puts   map[string]page          // host + "\x00" + file key → page
	files  *fileCache               // ETags and headers of files served, read buffers
	putSeq int
	stats  Stats
	rtOnce sync.Once
	rt     *http.Transport
}

// page is a body with the headers it is served with and its ETag.
type page struct {
	body   []byte
	header http.Header
	etag   string
}

// New serves every site under dir (one folder per host name) on a loopback
// httptest server. It fails when dir is not a readable directory or a .site
// file is malformed.
func New(dir string, opts Options) (*Server, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("testsite: site tree %s: %w", dir, err)
	}
	s := &Server{
		dir:    dir,
		opts:   opts,
		done:   make(chan struct{}),
		sites:  make(map[string]siteConfig),
		faults: make(map[string][]*faultEntry),
		puts:   make(map[string]page),
		files:  newFileCache(),
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		host := strings.ToLower(e.Name())
		cfg, err := readSiteConfig(filepath.Join(dir, e.Name(), ".site"))
		if err != nil {
			return nil, err
		}
		s.sites[host] = cfg
	}
	s.ts = httptest.NewUnstartedServer(s)
	s.ts.Config.ErrorLog = nil
	s.ts.Start()
	return s, nil
}

// Close releases hanging requests and shuts the server down.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.ts.CloseClientConnections()
		s.ts.Close()
		s.rtOnce.Do(func() {}) // no transport is made after Close
		if s.rt != nil {
			s.rt.CloseIdleConnections()
		}
	})
}

// URL returns the server's base URL, http://127.0.0.1:port.
func (s *Server) URL() string { return s.ts.URL }

// Addr returns the server's listening address, 127.0.0.1:port.
func (s *Server) Addr() string { return s.ts.Listener.Addr().String() }

// ServeHTTP routes a request by its Host header and answers it from the
// run-time pages set by Put, the calendar trap or the site tree, after any
// fault set for its path.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host := hostOf(r.Host)
	s.count(host, r.URL.RequestURI())
	if s.opts.Latency > 0 && !s.sleep(r.Context(), s.opts.Latency) {
		return
	}
	if f, ok := s.fault(host, r.URL.RequestURI()); ok {
		if s.applyFault(w, r, f) {
			return
		}
	}
	s.serve(w, r, host)
}

// serve answers r from the run-time pages, the calendar trap or the tree.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, host string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	cfg, known := s.sites[host]
	key, ok := FileName(r.URL)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	p, put := s.puts[host+"\x00"+key]
	s.mu.Unlock()
	switch {
	case put:
		s.serveBody(w, r, host, p.body, p.header, p.etag)
	case !known:
		http.Error(w, "testsite: unknown host "+host, http.StatusNotFound)
	case cfg.calendar != "" && strings.HasPrefix(r.URL.Path, cfg.calendar):
		s.serveCalendar(w, r, host, cfg.calendar)
	default:
		body, meta, err := s.readFile(host, cfg, key)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				http.NotFound(w, r)
				return
			}
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.serveBody(w, r, host, body, meta.header, meta.etag)
		s.files.putBody(body)
	}
}

// Put adds or replaces a page at run time: path is a request URI
// ("/thoi-su/bai-moi-123.html", "/list.aspx?Page=3"), mapped to a file key
// by the same rule as the site tree. header may be nil; without a
// Content-Type the type follows the path's extension, and without a
// Last-Modified the page gets DefaultLastModified plus one second per Put so far,
// so that a changed page is newer than the one it replaces.
func (s *Server) Put(host, path string, body []byte, header http.Header) {
	host = hostOf(host)
	key := fileKeyOf(path)
	h := make(http.Header)
	for k, v := range header {
		h[k] = append([]string(nil), v...)
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", contentType(pathOnly(path), body))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putSeq++
	if h.Get("Last-Modified") == "" {
		h.Set("Last-Modified", defaultModTime().Add(time.Duration(s.putSeq)*time.Second).Format(http.TimeFormat))
	}
	s.puts[host+"\x00"+key] = page{body: append([]byte(nil), body...), header: h, etag: ETag(body)}
}

// sleep waits d, or until the request or the server ends; it reports whether
// the whole delay passed.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// hostOf returns the lower-case host name of a Host header, without port.
func hostOf(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.ToLower(strings.TrimSuffix(h, "."))
}
