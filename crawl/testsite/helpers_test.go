package testsite

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// newTree writes files (path relative to the tree → content) into a
// temporary site tree and serves it.
func newTree(t *testing.T, files map[string]string, opts Options) *Server {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// get fetches url through the server's client with extra request headers.
func get(t *testing.T, s *Server, method, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading body: %v", method, url, err)
	}
	return resp, string(body)
}

var basicTree = map[string]string{
	"a.vn/index.html":                          "<html>home a</html>",
	"a.vn/robots.txt":                          "User-agent: *\nDisallow: /private/\n",
	"a.vn/tin/bai-1.html":                      "<html>bai 1</html>",
	"a.vn/list.aspx@Page=2":                    "<html>page 2</html>",
	"a.vn/View_Detail.aspx@ItemID=136":         "<html>item 136</html>",
	"a.vn/thoi-su/index.html":                  "<html>thoi su</html>",
	"a.vn/old.html":                            "<html>old</html>",
	"a.vn/old.html.headers":                    "# legacy page\nContent-Type: text/html; charset=windows-1258\nLast-Modified: Mon, 02 Mar 2020 10:00:00 GMT\nX-Powered-By: ASP.NET\n",
	"a.vn/feed.rss":                            "<rss/>",
	"b.vn/tin/bai-1.html":                      "<html>bai 1 of b</html>",
	"c.vn/.site":                               "calendar: /lich/\ncase-insensitive: true\n",
	"c.vn/Lists/Tin/View_Detail.aspx@ItemID=7": "<html>seven</html>",
}
