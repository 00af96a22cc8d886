package warc

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWriteExchange(t *testing.T) {
	page := "<html><body><h1>Khối thi đua Nội chính</h1></body></html>"
	tests := []struct {
		name, response, payload string
	}{
		{"plain body", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 69\r\n\r\n" + page, page},
		{"chunked body", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n" + page[:16] + "\r\n" +
			strconv.FormatInt(int64(len(page)-16), 16) + "\r\n" + page[16:] + "\r\n0\r\n\r\n", page},
		{"not modified", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n", ""},
		{"LF header", "HTTP/1.0 200 OK\nContent-Type: text/html\n\n" + page, page},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, dir := testWriter(t, WriterOptions{})
			req := "GET /a HTTP/1.1\r\nHost: baonghean.vn\r\n\r\n"
			fetched := time.Date(2025, 3, 1, 13, 0, 0, 500000000, time.UTC)
			loc, err := w.WriteExchange("https://baonghean.vn/a", fetched, "203.0.113.7", []byte(req), []byte(tt.response))
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			files, _ := Files(dir)
			var recs []*Record
			var locs []Location
			if err := ReadFile(files[0], func(r *Record, l Location) error {
				recs, locs = append(recs, r), append(locs, l)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(recs) != 3 {
				t.Fatalf("%s: %d records, want warcinfo, request, response", tt.name, len(recs))
			}
			rq, rs := recs[1], recs[2]
			if locs[2] != loc {
				t.Errorf("%s: response at %+v, WriteExchange said %+v", tt.name, locs[2], loc)
			}
			for _, c := range []struct {
				rec         *Record
				field, want string
			}{
				{rq, "WARC-Type", "request"},
				{rq, "Content-Type", ContentTypeRequest},
				{rq, "WARC-Concurrent-To", rs.ID()},
				{rq, "WARC-Target-URI", "https://baonghean.vn/a"},
				{rq, "WARC-Date", "2025-03-01T13:00:00.5Z"},
				{rq, "WARC-IP-Address", "203.0.113.7"},
				{rs, "WARC-Type", "response"},
				{rs, "Content-Type", ContentTypeResponse},
				{rs, "WARC-Date", "2025-03-01T13:00:00.5Z"},
				{rs, "WARC-IP-Address", "203.0.113.7"},
				{rs, "WARC-Payload-Digest", Digest([]byte(tt.payload))},
				{rs, "WARC-Block-Digest", Digest([]byte(tt.response))},
			} {
				if got := c.rec.Header.Get(c.field); got != c.want {
					t.Errorf("%s: %s %s = %q, want %q", tt.name, c.rec.Type(), c.field, got, c.want)
				}
			}
			for _, r := range recs {
				if err := Verify(r); err != nil {
					t.Errorf("%s: %v", tt.name, err)
				}
			}
			if string(rq.Block) != req || string(rs.Block) != tt.response {
				t.Errorf("%s: blocks changed", tt.name)
			}
			_, body, err := ParseResponse(rs)
			if err != nil {
				t.Fatal(err)
			}
			if string(body) != tt.payload {
				t.Errorf("%s: ParseResponse body %q, want %q", tt.name, body, tt.payload)
			}
		})
	}
}

func TestWriteExchangeWith(t *testing.T) {
	w, _ := testWriter(t, WriterOptions{})
	var extra Header
	extra.Set("WARC-Identified-Payload-Type", "text/html")
	loc, err := w.WriteExchangeWith(Exchange{
		TargetURI: "http://a.vn/big",
		Response:  []byte("HTTP/1.1 200 OK\r\nContent-Length: 50000000\r\n\r\n<html>"),
		Truncated: "length",
		Extra:     extra,
	})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ReadAt(loc.File, loc.Offset)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Get("WARC-Truncated") != "length" || rec.Header.Get("WARC-Identified-Payload-Type") != "text/html" || rec.Date().IsZero() {
		t.Errorf("header %v", rec.Header.Fields())
	}
	_, body, err := ParseResponse(rec)
	if err != nil || string(body) != "<html>" {
		t.Errorf("truncated body %q, %v", body, err)
	}
	if _, err := w.WriteExchange("", time.Time{}, "", nil, []byte("HTTP/1.1 200 OK\r\n\r\n")); err == nil {
		t.Error("exchange without target URI accepted")
	}
	if _, err := w.WriteExchange("http://a/\nX: y", time.Time{}, "", nil, []byte("HTTP/1.1 200 OK\r\n\r\n")); err == nil {
		t.Error("target URI with a line break accepted")
	}
}

// A real exchange through net/http, rendered with RawRequest and
// RawResponse, archived and parsed back.
func TestRawMessages(t *testing.T) {
	page := strings.Repeat("Giao ước thi đua năm 2025. ", 400)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Add("Set-Cookie", "a=1")
		w.Header().Add("Set-Cookie", "b=2")
		io.WriteString(w, page) // large enough to be sent chunked
	}))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/tin-tuc/a.html?x=1", nil)
	req.Header.Set("User-Agent", "thidua/0.1 (+https://github.com/thidua/thidua)")
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(resp.TransferEncoding) == 0 {
		t.Log("server did not chunk the response")
	}
	w, _ := testWriter(t, WriterOptions{})
	host, _, _ := net.SplitHostPort(srv.Listener.Addr().String())
	rawReq, rawResp := RawRequest(req), RawResponse(resp, body)
	if !bytes.HasPrefix(rawReq, []byte("GET /tin-tuc/a.html?x=1 HTTP/1.1\r\nHost: 127.0.0.1:")) {
		t.Errorf("RawRequest = %q", rawReq)
	}
	loc, err := w.WriteExchange(req.URL.String(), time.Now(), host, rawReq, rawResp)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ReadAt(loc.File, loc.Offset)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(rec); err != nil {
		t.Error(err)
	}
	back, got, err := ParseResponse(rec)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != page || back.StatusCode != 200 || back.Header.Get("ETag") != `"v1"` ||
		len(back.Header.Values("Set-Cookie")) != 2 || back.Header.Get("Transfer-Encoding") != "" {
		t.Errorf("parsed back: %d %v, body %d bytes", back.StatusCode, back.Header, len(got))
	}
	if rec.Header.Get("WARC-Payload-Digest") != Digest([]byte(page)) {
		t.Error("payload digest is not the page's")
	}
}

func TestRawResponseTruncatedBody(t *testing.T) {
	resp := &http.Response{StatusCode: 200, Proto: "HTTP/1.1", Header: http.Header{"Content-Length": {"1000"}}}
	raw := string(RawResponse(resp, []byte("abc")))
	for _, want := range []string{"HTTP/1.1 200 OK\r\n", "X-Archive-Orig-Content-Length: 1000\r\n", "Content-Length: 3\r\n\r\nabc"} {
		if !strings.Contains(raw, want) {
			t.Errorf("RawResponse = %q, missing %q", raw, want)
		}
	}
}

func TestParseResponseRejects(t *testing.T) {
	rec := &Record{Block: []byte("GET / HTTP/1.1\r\n\r\n")}
	rec.Header.Set("WARC-Type", TypeRequest)
	if _, _, err := ParseResponse(rec); err == nil {
		t.Error("request record parsed as a response")
	}
	rec.Header.Set("WARC-Type", TypeResponse)
	rec.Block = []byte("garbage")
	if _, _, err := ParseResponse(rec); err == nil {
		t.Error("garbage parsed as a response")
	}
	if _, _, err := ParseRequest(rec); err == nil {
		t.Error("response record parsed as a request")
	}
}

// An exchange whose response comes as header and body (ResponseBody) is
// archived exactly as the same message in one piece: same block, same
// digests. The exchanges go through one writer in turn, so gzip writers
// and buffers from its free list are reused between them.
func TestWriteExchangeResponseBody(t *testing.T) {
	tests := []struct {
		name       string
		head, body string
	}{
		{"plain", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 19\r\n\r\n", "<html>trang chủ</html>"},
		{"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"},
		{"empty body", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n", ""},
		{"large", "HTTP/1.1 200 OK\r\n\r\n", strings.Repeat("Khối thi đua Nội chính tỉnh. ", 5000) + string(randomBytes(70000))},
	}
	w, _ := testWriter(t, WriterOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fetched := time.Date(2025, 3, 1, 13, 0, 0, 0, time.UTC)
			req := []byte("GET / HTTP/1.1\r\nHost: a.vn\r\n\r\n")
			whole, err := w.WriteExchangeWith(Exchange{TargetURI: "http://a.vn/", Fetched: fetched, Request: req,
				Response: []byte(tt.head + tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			split, err := w.WriteExchangeWith(Exchange{TargetURI: "http://a.vn/", Fetched: fetched, Request: req,
				Response: []byte(tt.head), ResponseBody: []byte(tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			a, err := ReadAt(whole.File, whole.Offset)
			if err != nil {
				t.Fatal(err)
			}
			b, err := ReadAt(split.File, split.Offset)
			if err != nil {
				t.Fatal(err)
			}
			if string(b.Block) != tt.head+tt.body {
				t.Errorf("split block %q..., want the whole message", clip(b.Block))
			}
			for _, f := range []string{"Content-Length", "WARC-Block-Digest", "WARC-Payload-Digest", "WARC-Date", "WARC-Target-URI"} {
				if a.Header.Get(f) != b.Header.Get(f) {
					t.Errorf("%s: split %q, whole %q", f, b.Header.Get(f), a.Header.Get(f))
				}
			}
			if b.Header.Get("WARC-Payload-Digest") == "" {
				t.Error("no WARC-Payload-Digest")
			}
			if err := Verify(b); err != nil {
				t.Error(err)
			}
		})
	}
}
