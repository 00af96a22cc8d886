package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"sort"
	"strings"
	"time"
)

// Exchange is one HTTP exchange to archive (see Writer.WriteExchangeWith).
type Exchange struct {
	TargetURI string
	Fetched   time.Time // when the request was sent; zero means now
	IP        string    // server address, written as WARC-IP-Address when set
	// Request and Response are the HTTP messages as sent and received: start
	// line, header lines, CRLF, body. Request may be empty (no request
	// record is written then). A chunked response body is kept chunked, with
	// its Transfer-Encoding header; the payload digest is computed over the
	// de-chunked entity body.
	Request, Response []byte
	// ResponseBody, when not nil, is the response's body, and Response only
	// its start line and header lines through the empty line. The records
	// written are the same as with the whole message in Response; the
	// message is compressed and digested in its two parts, without being
	// copied into one buffer.
	ResponseBody []byte
	// Truncated, when set, is the WARC-Truncated value of the response
	// record ("length", "time", "disconnect", "unspecified"): the body was
	// cut short by the crawler.
	Truncated string
	// Extra fields appended to the response record's header.
	Extra Header
}

// WriteExchange archives one HTTP exchange as a request record and a
// response record (WARC-Concurrent-To linking them, WARC-Payload-Digest over
// the entity body, WARC-IP-Address when ip is not empty), written
// consecutively in the same file, and returns the response record's
// location. reqRaw and respRaw are the HTTP messages as sent and received
// (see Exchange).
func (w *Writer) WriteExchange(targetURI string, fetched time.Time, ip string, reqRaw, respRaw []byte) (Location, error) {
	return w.WriteExchangeWith(Exchange{TargetURI: targetURI, Fetched: fetched, IP: ip, Request: reqRaw, Response: respRaw})
}

// WriteExchangeWith is WriteExchange with the optional fields of Exchange.
func (w *Writer) WriteExchangeWith(x Exchange) (Location, error) {
	if x.TargetURI == "" {
		return Location{}, errors.New("warc: exchange without a target URI")
	}
	if x.Fetched.IsZero() {
		x.Fetched = w.opts.Now()
	}
	date := FormatDate(x.Fetched)
	respID, err := NewRecordID()
	if err != nil {
		return Location{}, err
	}
	block := [][]byte{x.Response}
	if x.ResponseBody != nil {
		block = append(block, x.ResponseBody)
	}
	var resp Header
	resp.Set("WARC-Type", TypeResponse)
	resp.Set("WARC-Record-ID", respID)
	resp.Set("WARC-Date", date)
	resp.Set("WARC-Target-URI", x.TargetURI)
	if x.IP != "" {
		resp.Set("WARC-IP-Address", x.IP)
	}
	resp.Set("Content-Type", ContentTypeResponse)
	resp.Set("WARC-Block-Digest", Digest(block...))
	if body, ok := x.entityBody(); ok {
		resp.Set("WARC-Payload-Digest", Digest(body))
	}
	if x.Truncated != "" {
		resp.Set("WARC-Truncated", x.Truncated)
	}
	resp.fields = append(resp.fields, x.Extra.fields...)
	if err := w.fillParts(&resp, block...); err != nil {
		return Location{}, fmt.Errorf("warc: response to %s: %w", x.TargetURI, err)
	}
	var members []*bytes.Buffer
	defer func() {
		for _, m := range members {
			w.free.putBuf(m)
		}
	}()
	if len(x.Request) > 0 {
		req := &Record{Block: x.Request}
		req.Header.Set("WARC-Type", TypeRequest)
		req.Header.Set("WARC-Date", date)
		req.Header.Set("WARC-Target-URI", x.TargetURI)
		req.Header.Set("WARC-Concurrent-To", respID)
		if x.IP != "" {
			req.Header.Set("WARC-IP-Address", x.IP)
		}
		req.Header.Set("Content-Type", ContentTypeRequest)
		if err := w.fill(req); err != nil {
			return Location{}, fmt.Errorf("warc: request for %s: %w", x.TargetURI, err)
		}
		m, err := w.encode(&req.Header, req.Block)
		if err != nil {
			return Location{}, err
		}
		members = append(members, m)
	}
	m, err := w.encode(&resp, block...)
	if err != nil {
		return Location{}, err
	}
	members = append(members, m)
	locs, err := w.write(members...)
	if err != nil {
		return Location{}, err
	}
	return locs[len(locs)-1], nil
}

// entityBody returns the entity body of the exchange's response (see
// entityBody), from ResponseBody when the message comes in two parts.
func (x *Exchange) entityBody() ([]byte, bool) {
	if x.ResponseBody == nil {
		return entityBody(x.Response)
	}
	if !chunked(x.Response) {
		return x.ResponseBody, true
	}
	de, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(x.ResponseBody)))
	if err != nil {
		return x.ResponseBody, true
	}
	return de, true
}

// splitMessage splits an HTTP message at the empty line after its header.
func splitMessage(msg []byte) (head, body []byte, ok bool) {
	if i := bytes.Index(msg, []byte("\r\n\r\n")); i >= 0 {
		return msg[:i+2], msg[i+4:], true
	}
	if i := bytes.Index(msg, []byte("\n\n")); i >= 0 {
		return msg[:i+1], msg[i+2:], true
	}
	return nil, nil, false
}

// entityBody returns the entity body of an HTTP message: what follows the
// header, de-chunked when the header says Transfer-Encoding: chunked (and
// the chunks are well formed).
func entityBody(msg []byte) ([]byte, bool) {
	head, body, ok := splitMessage(msg)
	if !ok {
		return nil, false
	}
	if !chunked(head) {
		return body, true
	}
	de, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body)))
	if err != nil {
		return body, true
	}
	return de, true
}

// chunked reports whether an HTTP header block names the chunked
// transfer coding last in Transfer-Encoding.
func chunked(head []byte) bool {
	for _, line := range bytes.Split(head, []byte("\n")) {
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !strings.EqualFold(string(bytes.TrimSpace(name)), "Transfer-Encoding") {
			continue
		}
		codings := strings.Split(string(value), ",")
		if strings.EqualFold(strings.TrimSpace(codings[len(codings)-1]), "chunked") {
			return true
		}
	}
	return false
}

// ParseResponse parses the HTTP response in a response record (or a revisit
// record, whose block holds only a header). It returns the response with its
// status and header, and the entity body: what follows the header in the
// block, de-chunked when chunked. The record's block is authoritative for
// the body's extent: a Content-Length header that disagrees (a body cut by
// the crawler) is not an error. resp.Body reads the same bytes.
func ParseResponse(rec *Record) (*http.Response, []byte, error) {
	if t := rec.Type(); t != TypeResponse && t != TypeRevisit {
		return nil, nil, fmt.Errorf("warc: record %s: %s record, not a response", rec.ID(), t)
	}
	head, body, ok := splitMessage(rec.Block)
	if !ok {
		head, body = rec.Block, nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(io.MultiReader(bytes.NewReader(head), strings.NewReader("\r\n"))), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("warc: record %s (%s): http response: %w", rec.ID(), rec.TargetURI(), err)
	}
	resp.Body.Close()
	if chunked(head) {
		if de, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = de
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.TransferEncoding = nil
	return resp, body, nil
}

// ParseRequest parses the HTTP request in a request record and returns it
// with its body.
func ParseRequest(rec *Record) (*http.Request, []byte, error) {
	if t := rec.Type(); t != TypeRequest {
		return nil, nil, fmt.Errorf("warc: record %s: %s record, not a request", rec.ID(), t)
	}
	head, body, ok := splitMessage(rec.Block)
	if !ok {
		head, body = rec.Block, nil
	}
	req, err := http.ReadRequest(bufio.NewReader(io.MultiReader(bytes.NewReader(head), strings.NewReader("\r\n"))))
	if err != nil {
		return nil, nil, fmt.Errorf("warc: record %s (%s): http request: %w", rec.ID(), rec.TargetURI(), err)
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	return req, body, nil
}

// RawRequest renders a request as it goes on the wire for the archive:
// request line with the request URI, Host, then the header fields in name
// order, CRLF. The body is not included (crawler requests have none).
func RawRequest(req *http.Request) []byte {
	var b bytes.Buffer
	uri := req.URL.RequestURI()
	proto := req.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(&b, "%s %s %s\r\n", methodOf(req), uri, proto)
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	fmt.Fprintf(&b, "Host: %s\r\n", host)
	writeFields(&b, req.Header, "Host")
	b.WriteString("\r\n")
	return b.Bytes()
}

func methodOf(req *http.Request) string {
	if req.Method == "" {
		return http.MethodGet
	}
	return req.Method
}

// RawResponse renders a response received through net/http and its body, as
// read, into an HTTP message for the archive. net/http has already removed
// the chunked coding (and a gzip coding it asked for itself), so
// Transfer-Encoding is dropped and Content-Length is set to len(body); the
// original Content-Length, when it differs, is kept as
// X-Archive-Orig-Content-Length, following other archiving crawlers.
func RawResponse(resp *http.Response, body []byte) []byte {
	var b bytes.Buffer
	proto := resp.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	status := resp.Status
	if status == "" {
		status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	fmt.Fprintf(&b, "%s %s\r\n", proto, status)
	writeFields(&b, resp.Header, "Transfer-Encoding", "Content-Length")
	if cl := resp.Header.Get("Content-Length"); cl != "" && cl != fmt.Sprint(len(body)) {
		fmt.Fprintf(&b, "X-Archive-Orig-Content-Length: %s\r\n", cl)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return b.Bytes()
}

// writeFields writes h in name order, without the skipped names; line
// breaks in values are replaced by spaces.
func writeFields(b *bytes.Buffer, h http.Header, skip ...string) {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		skipped := false
		for _, s := range skip {
			if strings.EqualFold(k, s) {
				skipped = true
			}
		}
		if skipped {
			continue
		}
		for _, v := range h[k] {
			v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
			fmt.Fprintf(b, "%s: %s\r\n", k, v)
		}
	}
}
