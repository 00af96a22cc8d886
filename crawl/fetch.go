package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/thidua/thidua/crawl/warc"
)

// Errors of a fetch, told apart by errors.Is.
var (
	ErrTooLarge     = errors.New("crawl: body larger than the limit")
	ErrRedirectLoop = errors.New("crawl: redirect loop")
)

// jobHeader carries a fetch's id from colly to the archiving transport,
// which removes it before the request leaves.
const jobHeader = "X-Thidua-Fetch"

// exchange is what the archiving transport saw of a fetch's last hop.
type exchange struct {
	loc        warc.Location
	status     int
	bytes      int64
	truncated  bool
	retryAfter string
	body       []byte // as received: colly re-encodes bodies whose Content-Type names a charset
}

// archiver is the http.RoundTripper under colly: it reads each body up to
// the limit, archives the exchange as WARC request and response records
// (robots.txt and every redirect hop included) and keeps the body in the
// fetch's exchange, where settle reads it; colly gets an empty body. A
// body over the limit is cut, archived with WARC-Truncated: length, and
// reported as ErrTooLarge. Both records carry WARC-IP-Address, the remote
// address of the connection that served the response (httptrace's
// GotConn), unless the request went through a proxy, whose address that
// would be.
type archiver struct {
	next    http.RoundTripper
	w       *warc.Writer // nil: archive nothing (dry run)
	maxBody int64
	now     func() time.Time

	mu    sync.Mutex
	seen  map[string]*exchange // by job id; entries live while the fetch runs
	bytes atomic.Int64
	reqs  atomic.Int64
}

func (a *archiver) take(id string) *exchange {
	a.mu.Lock()
	defer a.mu.Unlock()
	x := a.seen[id]
	delete(a.seen, id)
	return x
}

func (a *archiver) RoundTrip(req *http.Request) (*http.Response, error) {
	orig := req
	id := req.Header.Get(jobHeader)
	if id != "" {
		req = req.Clone(req.Context())
		req.Header.Del(jobHeader)
	}
	started := a.now()
	a.reqs.Add(1)
	var ip serverIP
	if a.w != nil && !viaProxy(a.next, req) {
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), ip.trace()))
	}
	resp, err := a.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	// The response answers the URL asked, whatever a transport below
	// made of it (a test transport that downgrades https to http): links
	// resolve against it and redirects follow from it.
	resp.Request = orig
	body, err := readBody(resp.Body, resp.ContentLength, a.maxBody)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	truncated := int64(len(body)) > a.maxBody
	if truncated {
		body = body[:a.maxBody]
	}
	a.bytes.Add(int64(len(body)))
	x := &exchange{status: resp.StatusCode, bytes: int64(len(body)), truncated: truncated, retryAfter: resp.Header.Get("Retry-After"), body: body}
	if a.w != nil {
		ex := warc.Exchange{
			TargetURI: req.URL.String(),
			Fetched:   started,
			IP:        ip.get(),
			Request:   rawRequest(req),
			// The header and the body go to the writer apart: the body
			// is not copied behind the header.
			Response:     rawResponseHead(resp, len(body)),
			ResponseBody: body,
		}
		if truncated {
			ex.Truncated = "length"
		}
		loc, err := a.w.WriteExchangeWith(ex)
		if err != nil {
			return nil, &warcError{fmt.Errorf("crawl: archive %s: %w", req.URL, err)}
		}
		x.loc = loc
	}
	if id != "" {
		a.mu.Lock()
		a.seen[id] = x
		a.mu.Unlock()
	}
	if truncated {
		return nil, fmt.Errorf("%w (%d bytes): %s", ErrTooLarge, a.maxBody, req.URL)
	}
	if id != "" {
		// A fetch's body is read from the exchange (x.body), not from
		// colly's Response: colly gets none, so it neither copies nor
		// re-encodes it. A request without an id keeps its body.
		resp.Body = http.NoBody
		resp.ContentLength = 0
		return resp, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// serverIP is the address of the server a request's connection went to,
// set by the GotConn hook of its trace (which net/http may call from
// another goroutine than the caller's).
type serverIP struct {
	mu sync.Mutex
	ip string
}

func (s *serverIP) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if info.Conn == nil {
			return
		}
		ip := remoteIP(info.Conn.RemoteAddr())
		s.mu.Lock()
		s.ip = ip
		s.mu.Unlock()
	}}
}

func (s *serverIP) get() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ip
}

// remoteIP renders a connection's remote address as WARC-IP-Address wants
// it: the IP alone ("203.0.113.7", "2001:db8::1"), an IPv4-mapped IPv6
// address as IPv4; "" when the address is not an IP (a Unix socket).
func remoteIP(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	if t, ok := addr.(*net.TCPAddr); ok {
		if ip, ok := netip.AddrFromSlice(t.IP); ok {
			return ip.Unmap().WithZone("").String()
		}
		return ""
	}
	ap, err := netip.ParseAddrPort(addr.String())
	if err != nil {
		return ""
	}
	return ap.Addr().Unmap().WithZone("").String()
}

// viaProxy reports whether rt, when it is an *http.Transport, sends req
// through a proxy (HTTPS_PROXY ...): the connection's address is then the
// proxy's, not the server's, and is not archived. A RoundTripper of
// another type (WithTransport) is taken to connect to the server itself.
func viaProxy(rt http.RoundTripper, req *http.Request) bool {
	t, ok := rt.(*http.Transport)
	if !ok || t.Proxy == nil {
		return false
	}
	u, err := t.Proxy(req)
	return err != nil || u != nil
}

// readBody reads r up to limit+1 bytes (one more than the limit tells a
// longer body apart) into one buffer sized from the Content-Length hint
// when the server sent one: no doubling copies for the usual page.
func readBody(r io.Reader, hint, limit int64) ([]byte, error) {
	size := int64(512)
	if hint >= 0 {
		size = min(hint, limit) + 1
	}
	buf := make([]byte, 0, size)
	lr := io.LimitReader(r, limit+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := lr.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// rawRequest renders the request as sent: request line, headers, CRLF.
func rawRequest(req *http.Request) []byte {
	var b bytes.Buffer
	uri := req.URL.RequestURI()
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", req.Method, uri, req.Host)
	if req.Host == "" {
		b.Reset()
		fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", req.Method, uri, req.URL.Host)
	}
	writeHeader(&b, req.Header)
	b.WriteString("\r\n")
	return b.Bytes()
}

// rawResponseHead renders the response's head as received: status line,
// headers, CRLF; the archived message is this head followed by the stored
// (de-chunked, de-compressed) body of bodyLen bytes. Transfer-Encoding and
// Content-Encoding no longer apply to the stored body and are left out;
// Content-Length is set to the stored length.
func rawResponseHead(resp *http.Response, bodyLen int) []byte {
	var b bytes.Buffer
	b.Grow(512)
	fmt.Fprintf(&b, "HTTP/%d.%d %s\r\n", max(resp.ProtoMajor, 1), resp.ProtoMinor, statusLine(resp))
	h := resp.Header.Clone()
	h.Del("Transfer-Encoding")
	if resp.Uncompressed {
		h.Del("Content-Encoding")
	}
	h.Set("Content-Length", strconv.Itoa(bodyLen))
	writeHeader(&b, h)
	b.WriteString("\r\n")
	return b.Bytes()
}

func statusLine(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

func writeHeader(b *bytes.Buffer, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(k)
			b.WriteString(": ")
			b.WriteString(strings.NewReplacer("\r", " ", "\n", " ").Replace(v))
			b.WriteString("\r\n")
		}
	}
}

// newCollector builds the colly collector: the honest
// User-Agent, one request at a time per host with the site's delay, a
// request timeout, bounded bodies through the archiver, no charset
// guessing, no visited set (the state store is the visited set), redirect
// loops cut.
func (cr *Crawler) newCollector(arch *archiver) (*colly.Collector, error) {
	c := colly.NewCollector(colly.UserAgent(cr.src.UserAgent))
	c.IgnoreRobotsTxt = true // robots.go: kept in the state store
	c.AllowURLRevisit = true
	c.ParseHTTPErrorResponse = true
	c.DetectCharset = false
	c.MaxBodySize = int(cr.maxBody) + 1
	c.Async = false // thidua's workers bound the global concurrency
	c.WithTransport(arch)
	c.SetRequestTimeout(cr.timeout)
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= cr.maxRedirects {
			return fmt.Errorf("%w: %d redirects from %s", ErrRedirectLoop, len(via), via[0].URL)
		}
		seen := 0
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				seen++
			}
		}
		// One return to the same URL is allowed (sites that set a session
		// cookie and redirect back); a second is a loop.
		if seen >= 2 {
			return fmt.Errorf("%w: %s", ErrRedirectLoop, req.URL)
		}
		return nil
	})
	for _, site := range cr.sites {
		delay := cr.src.Delay
		if site.Delay > 0 {
			delay = site.Delay
		}
		if cr.delaySet {
			delay = cr.delay
		}
		for _, h := range site.Hosts {
			err := c.Limit(&colly.LimitRule{DomainGlob: h, Parallelism: cr.perHost, Delay: delay, RandomDelay: delay / 4})
			if err != nil {
				return nil, fmt.Errorf("crawl: limit rule for %s: %w", h, err)
			}
		}
	}
	c.OnRequest(func(r *colly.Request) {
		j, ok := r.Ctx.GetAny("job").(*job)
		if !ok {
			return
		}
		if j.st.ETag != "" {
			r.Headers.Set("If-None-Match", j.st.ETag)
		}
		if j.st.LastModified != "" {
			r.Headers.Set("If-Modified-Since", j.st.LastModified)
		}
	})
	c.OnResponse(func(r *colly.Response) {
		if j, ok := r.Ctx.GetAny("job").(*job); ok {
			j.resp = r
		}
	})
	return c, nil
}

// errorKind names the kind of a failed fetch for the summary.
func errorKind(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, colly.ErrRobotsTxtBlocked):
		return "robots"
	case errors.Is(err, ErrTooLarge):
		return "too-large"
	case errors.Is(err, ErrRedirectLoop):
		return "redirect-loop"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE):
		return "reset"
	case strings.Contains(err.Error(), "Client.Timeout"):
		return "timeout"
	case strings.Contains(err.Error(), "connection reset"), strings.Contains(err.Error(), "EOF"):
		return "reset"
	}
	return "other"
}

// retryable reports whether a failure of this kind or status is worth
// another attempt later in the night.
func retryable(kind string, status int) bool {
	switch kind {
	case "timeout", "reset":
		return true
	}
	return status == http.StatusTooManyRequests || status >= 500
}
