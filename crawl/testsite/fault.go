package testsite

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is a misbehaviour injected for a host and path. The steps apply in
// this order: Delay, then one of Hang, Reset, RedirectTo, Status or BodySize
// (the first one set); a fault with only a Delay (or SlowBody) then serves
// the page normally.
type Fault struct {
	Status     int    // answer with this status (503, 429, 500 ...) and a short body
	RetryAfter string // Retry-After header sent with Status ("2", or an HTTP date)
	Times      int    // apply to the first Times matching requests, then serve normally; 0 = always
	Delay      time.Duration
	Hang       bool   // never answer: block until the client gives up or the server closes
	Reset      bool   // close the connection with a TCP RST, without any response
	RedirectTo string // answer 302 (or Status, when it is 3xx) with this Location
	BodySize   int64  // answer 200 with a generated text/html body of this many bytes, streamed
	// SlowBody, when set, sends the normal body in 1 KiB pieces with this
	// pause between them (headers go out at once).
	SlowBody time.Duration
}

type faultEntry struct {
	path   string // request URI or path, or prefix when prefix is set
	prefix bool
	f      Fault
	used   int
}

// SetFault sets the fault for host and path, replacing any fault set for the
// same pair; a zero Fault removes it. A path containing "?" matches the
// request URI exactly; one without matches the URL path whatever the query;
// a path ending in "*" matches every request URI that starts with the rest.
// An exact match wins over a prefix, and a longer prefix over a shorter one.
func (s *Server) SetFault(host, path string, f Fault) {
	host = hostOf(host)
	e := &faultEntry{path: path, f: f}
	if strings.HasSuffix(path, "*") {
		e.prefix = true
		e.path = strings.TrimSuffix(path, "*")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.faults[host][:0:0]
	for _, old := range s.faults[host] {
		if old.path != e.path || old.prefix != e.prefix {
			list = append(list, old)
		}
	}
	if f != (Fault{}) {
		list = append(list, e)
	}
	s.faults[host] = list
}

// fault finds the fault for a request and consumes one of its Times.
func (s *Server) fault(host, uri string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.faults[host]
	if len(list) == 0 {
		return Fault{}, false
	}
	p := pathOnly(uri)
	var best *faultEntry
	for _, e := range list {
		switch {
		case !e.prefix && (e.path == uri || (!strings.Contains(e.path, "?") && e.path == p)):
			if best == nil || best.prefix {
				best = e
			}
		case e.prefix && strings.HasPrefix(uri, e.path):
			if best == nil || (best.prefix && len(e.path) > len(best.path)) {
				best = e
			}
		}
	}
	if best == nil || (best.f.Times > 0 && best.used >= best.f.Times) {
		return Fault{}, false
	}
	best.used++
	return best.f, true
}

// applyFault carries out f; it reports whether the response is finished.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, f Fault) bool {
	if f.Delay > 0 && !s.sleep(r.Context(), f.Delay) {
		return true
	}
	switch {
	case f.Hang:
		select {
		case <-r.Context().Done():
		case <-s.done:
		}
		reset(w) // no response at all, whichever side ended the wait
		return true
	case f.Reset:
		reset(w)
		return true
	case f.RedirectTo != "":
		code := http.StatusFound
		if f.Status >= 300 && f.Status < 400 {
			code = f.Status
		}
		w.Header().Set("Location", f.RedirectTo)
		w.WriteHeader(code)
		return true
	case f.Status != 0:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		body := []byte(strconv.Itoa(f.Status) + " " + http.StatusText(f.Status) + "\n")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(f.Status)
		if r.Method != http.MethodHead {
			n, _ := w.Write(body)
			s.countBytes(int64(n))
		}
		return true
	case f.BodySize > 0:
		s.serveGenerated(w, r, f.BodySize)
		return true
	case f.SlowBody > 0:
		// Serve the page through a writer that trickles it out.
		sw := &slowWriter{ResponseWriter: w, pause: f.SlowBody, s: s, r: r}
		s.serveNormally(sw, r)
		return true
	}
	return false
}

// serveNormally runs the ordinary pipeline without looking at faults.
func (s *Server) serveNormally(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, hostOf(r.Host))
}

// reset closes the client connection abruptly: SO_LINGER 0 makes the kernel
// send a RST instead of a FIN.
func reset(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2: abort the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// serveGenerated streams size bytes of HTML without holding them in memory.
func (s *Server) serveGenerated(w http.ResponseWriter, r *http.Request, size int64) {
	const head = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Trang rất lớn</title></head><body>\n"
	const tail = "</body></html>\n"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	para := []byte("<p>Khối thi đua Nội chính tỉnh tổ chức hội nghị ký kết giao ước thi đua năm 2024.</p>\n")
	chunk := make([]byte, 0, 32<<10)
	for len(chunk)+len(para) <= cap(chunk) {
		chunk = append(chunk, para...)
	}
	remaining := size
	write := func(b []byte) bool {
		if int64(len(b)) > remaining {
			b = b[:remaining]
		}
		n, err := w.Write(b)
		remaining -= int64(n)
		s.countBytes(int64(n))
		return err == nil && remaining > 0
	}
	if size < int64(len(head)+len(tail)) {
		for write(chunk) {
		}
		return
	}
	if !write([]byte(head)) {
		return
	}
	for remaining > int64(len(tail)) {
		n := int64(len(chunk))
		if n > remaining-int64(len(tail)) {
			n = remaining - int64(len(tail))
		}
		if !write(chunk[:n]) {
			return
		}
	}
	write([]byte(tail))
}

// slowWriter sends what is written in 1 KiB pieces with a pause between them.
type slowWriter struct {
	http.ResponseWriter
	pause time.Duration
	s     *Server
	r     *http.Request
}

func (sw *slowWriter) Write(b []byte) (int, error) {
	written := 0
	for len(b) > 0 {
		n := min(len(b), 1024)
		m, err := sw.ResponseWriter.Write(b[:n])
		written += m
		if err != nil {
			return written, err
		}
		b = b[n:]
		if f, ok := sw.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		if len(b) > 0 && !sw.s.sleep(sw.r.Context(), sw.pause) {
			return written, http.ErrHandlerTimeout
		}
	}
	return written, nil
}
