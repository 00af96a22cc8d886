package testsite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The file cache keeps ETags and headers, never stale ones: a file changed
// on disk, a page replaced by Put, and a body read into a buffer that held
// a longer one are all served as they are now.
func TestFileCache(t *testing.T) {
	long := "<html>" + strings.Repeat("Khối thi đua Nội chính. ", 2000) + "</html>"
	s := newTree(t, map[string]string{
		"a.vn/bai.html":  "<html>v1</html>",
		"a.vn/long.html": long,
		"a.vn/ngan.html": "<html>ngắn</html>",
		"a.vn/old.html":  "<html>old</html>",
		"a.vn/old.html.headers": "Content-Type: text/html; charset=windows-1258\n" +
			"Last-Modified: Mon, 02 Mar 2020 10:00:00 GMT\n",
	}, Options{})
	check := func(t *testing.T, path, body string) {
		t.Helper()
		for i := range 3 {
			resp, got := get(t, s, "GET", "http://a.vn"+path, nil)
			if resp.StatusCode != 200 || got != body {
				t.Fatalf("request %d of %s: %d %q, want 200 %q", i+1, path, resp.StatusCode, clipTest(got), clipTest(body))
			}
			if etag := resp.Header.Get("ETag"); etag != ETag([]byte(body)) {
				t.Fatalf("request %d of %s: ETag %s, want %s", i+1, path, etag, ETag([]byte(body)))
			}
		}
	}
	t.Run("served again", func(t *testing.T) {
		check(t, "/bai.html", "<html>v1</html>")
		resp, _ := get(t, s, "GET", "http://a.vn/old.html", nil)
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=windows-1258" {
			t.Errorf("Content-Type %q from the .headers file, served again", ct)
		}
	})
	t.Run("buffers reused", func(t *testing.T) {
		check(t, "/long.html", long)
		check(t, "/ngan.html", "<html>ngắn</html>")
		check(t, "/long.html", long)
	})
	t.Run("file changed", func(t *testing.T) {
		name := filepath.Join(s.dir, "a.vn", "bai.html")
		if err := os.WriteFile(name, []byte("<html>version 2</html>"), 0o644); err != nil {
			t.Fatal(err)
		}
		check(t, "/bai.html", "<html>version 2</html>")
		// Same size, later modification time.
		if err := os.WriteFile(name, []byte("<html>version 3</html>"), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Hour)
		if err := os.Chtimes(name, later, later); err != nil {
			t.Fatal(err)
		}
		check(t, "/bai.html", "<html>version 3</html>")
	})
	t.Run("put", func(t *testing.T) {
		s.Put("a.vn", "/bai.html", []byte("<html>put 1</html>"), nil)
		check(t, "/bai.html", "<html>put 1</html>")
		s.Put("a.vn", "/bai.html", []byte("<html>put two</html>"), nil)
		check(t, "/bai.html", "<html>put two</html>")
		resp, _ := get(t, s, "GET", "http://a.vn/bai.html", map[string]string{"If-None-Match": ETag([]byte("<html>put 1</html>"))})
		if resp.StatusCode != 200 {
			t.Errorf("the replaced page's ETag gives %d, want 200", resp.StatusCode)
		}
	})
}

func clipTest(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
