package testsite

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ETag returns the strong entity tag the server sends for body: the first
// 32 hex digits of its SHA-256, quoted.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// serveBody answers r with body and header, or with 304 Not Modified when
// the request's validators match. etag is the body's ETag, computed here
// when empty.
func (s *Server) serveBody(w http.ResponseWriter, r *http.Request, host string, body []byte, header http.Header, etag string) {
	if etag == "" {
		etag = ETag(body)
	}
	h := w.Header()
	for k, v := range header {
		h[k] = v
	}
	h.Set("ETag", etag)
	if notModified(r, etag, h.Get("Last-Modified")) {
		h.Del("Content-Type")
		h.Del("Content-Length")
		s.countNotModified()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	n, _ := w.Write(body)
	s.countBytes(int64(n))
}

// notModified applies RFC 9110 §13.2.2: If-None-Match when present,
// otherwise If-Modified-Since.
func notModified(r *http.Request, etag, lastModified string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			t = strings.TrimPrefix(t, "W/") // weak comparison, as for GET
			if t == "*" || t == etag {
				return true
			}
		}
		return false
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || lastModified == "" {
		return false
	}
	since, err := http.ParseTime(ims)
	if err != nil {
		return false
	}
	mod, err := http.ParseTime(lastModified)
	if err != nil {
		return false
	}
	return !mod.Truncate(time.Second).After(since)
}
