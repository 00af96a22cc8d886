package testsite

import (
	"net/http"
	"testing"
)

func TestConditional(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	const u = "http://a.vn/tin/bai-1.html"
	first, _ := get(t, s, "GET", u, nil)
	etag := first.Header.Get("ETag")
	if etag != ETag([]byte(basicTree["a.vn/tin/bai-1.html"])) || etag[0] != '"' {
		t.Fatalf("ETag %q is not the strong content hash", etag)
	}
	tests := []struct {
		name   string
		method string
		header map[string]string
		status int
		body   string
	}{
		{"if-none-match", "GET", map[string]string{"If-None-Match": etag}, 304, ""},
		{"if-none-match list", "GET", map[string]string{"If-None-Match": `"x", ` + etag}, 304, ""},
		{"if-none-match star", "GET", map[string]string{"If-None-Match": "*"}, 304, ""},
		{"if-none-match other", "GET", map[string]string{"If-None-Match": `"other"`}, 200, "<html>bai 1</html>"},
		{"if-modified-since equal", "GET", map[string]string{"If-Modified-Since": DefaultLastModified}, 304, ""},
		{"if-modified-since later", "GET", map[string]string{"If-Modified-Since": "Wed, 01 Jan 2025 00:00:00 GMT"}, 304, ""},
		{"if-modified-since earlier", "GET", map[string]string{"If-Modified-Since": "Sun, 01 Jan 2023 00:00:00 GMT"}, 200, "<html>bai 1</html>"},
		{"etag wins over date", "GET", map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": DefaultLastModified}, 200, "<html>bai 1</html>"},
		{"head", "HEAD", nil, 200, ""},
		{"head conditional", "HEAD", map[string]string{"If-None-Match": etag}, 304, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, s, tt.method, u, tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if body != tt.body {
				t.Errorf("body %q, want %q", body, tt.body)
			}
			if resp.Header.Get("ETag") != etag {
				t.Errorf("ETag %q, want %q", resp.Header.Get("ETag"), etag)
			}
			if tt.method == "HEAD" && tt.status == 200 && resp.ContentLength != int64(len(basicTree["a.vn/tin/bai-1.html"])) {
				t.Errorf("HEAD Content-Length %d", resp.ContentLength)
			}
		})
	}
	st := s.Stats()
	if st.NotModified != 6 {
		t.Errorf("NotModified = %d, want 6", st.NotModified)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	resp, _ := get(t, s, "POST", "http://a.vn/tin/bai-1.html", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST status %d, want 405", resp.StatusCode)
	}
}
