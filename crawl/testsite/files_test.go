package testsite

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFileName(t *testing.T) {
	tests := []struct {
		name, uri, want string
		ok              bool
	}{
		{"root", "/", "index.html", true},
		{"file", "/tin/bai-1.html", "tin/bai-1.html", true},
		{"directory slash", "/thoi-su/", "thoi-su/index.html", true},
		{"query", "/list.aspx?Page=2", "list.aspx@Page=2", true},
		{"escaped query kept", "/tim-kiem?q=giao+%C6%B0%E1%BB%9Bc", "tim-kiem@q=giao+%C6%B0%E1%BB%9Bc", true},
		{"slash in query", "/r?u=/a/b", "r@u=%2Fa%2Fb", true},
		{"jsessionid path parameter", "/newsdetail.asp;jsessionid=A1B2?newsID=7", "newsdetail.asp@newsID=7", true},
		{"sid parameter", "/newsdetail.asp?newsID=7&sid=99&cat1id=2", "newsdetail.asp@newsID=7&cat1id=2", true},
		{"only tracking", "/a.html?utm_source=fb&fbclid=x", "a.html", true},
		{"encoded path", "/tin/%C4%91%E1%BA%A1i.html", "tin/đại.html", true},
		{"dot dot", "/../etc/passwd", "", false},
		{"hidden", "/.site", "", false},
		{"headers file", "/old.html.headers", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.ParseRequestURI(tt.uri)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := FileName(u)
			if got != tt.want || ok != tt.ok {
				t.Errorf("FileName(%q) = %q, %v; want %q, %v", tt.uri, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestRouting(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	tests := []struct {
		name, url   string
		status      int
		body, ctype string
	}{
		{"host a", "http://a.vn/tin/bai-1.html", 200, "<html>bai 1</html>", "text/html; charset=utf-8"},
		{"host b same path", "http://b.vn/tin/bai-1.html", 200, "<html>bai 1 of b</html>", "text/html; charset=utf-8"},
		{"https downgraded", "https://a.vn/tin/bai-1.html", 200, "<html>bai 1</html>", ""},
		{"host case and port", "http://A.VN:8080/tin/bai-1.html", 200, "<html>bai 1</html>", ""},
		{"root index", "http://a.vn/", 200, "<html>home a</html>", ""},
		{"directory without slash", "http://a.vn/thoi-su", 200, "<html>thoi su</html>", ""},
		{"query file", "http://a.vn/list.aspx?Page=2", 200, "<html>page 2</html>", ""},
		{"session id ignored", "http://a.vn/list.aspx;jsessionid=XYZ?Page=2&sid=1", 200, "<html>page 2</html>", ""},
		{"sharepoint item", "https://a.vn/View_Detail.aspx?ItemID=136", 200, "<html>item 136</html>", ""},
		{"case-sensitive host", "http://a.vn/view_detail.aspx?itemid=136", 404, "", ""},
		{"case-insensitive host", "http://c.vn/lists/tin/view_detail.aspx?itemid=7", 200, "<html>seven</html>", ""},
		{"headers file", "http://a.vn/old.html", 200, "<html>old</html>", "text/html; charset=windows-1258"},
		{"rss type", "http://a.vn/feed.rss", 200, "<rss/>", "application/rss+xml"},
		{"robots", "http://a.vn/robots.txt", 200, basicTree["a.vn/robots.txt"], "text/plain; charset=utf-8"},
		{"headers not served", "http://a.vn/old.html.headers", 400, "", ""},
		{"site config not served", "http://c.vn/.site", 400, "", ""},
		{"missing", "http://a.vn/nope.html", 404, "", ""},
		{"unknown host", "http://z.vn/tin/bai-1.html", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, s, "GET", tt.url, nil)
			if resp.StatusCode != tt.status {
				t.Fatalf("%s: status %d, want %d", tt.url, resp.StatusCode, tt.status)
			}
			if tt.body != "" && body != tt.body {
				t.Errorf("%s: body %q, want %q", tt.url, body, tt.body)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("%s: Content-Type %q, want %q", tt.url, resp.Header.Get("Content-Type"), tt.ctype)
			}
			if resp.Request.URL.String() != tt.url {
				t.Errorf("response request URL %q, want the original %q", resp.Request.URL, tt.url)
			}
		})
	}
}

func TestHeadersFile(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	resp, _ := get(t, s, "GET", "http://a.vn/old.html", nil)
	if got := resp.Header.Get("Last-Modified"); got != "Mon, 02 Mar 2020 10:00:00 GMT" {
		t.Errorf("Last-Modified %q, want the .headers value", got)
	}
	if got := resp.Header.Get("X-Powered-By"); got != "ASP.NET" {
		t.Errorf("X-Powered-By %q, want ASP.NET", got)
	}
	resp, _ = get(t, s, "GET", "http://a.vn/tin/bai-1.html", nil)
	if got := resp.Header.Get("Last-Modified"); got != DefaultLastModified {
		t.Errorf("Last-Modified %q, want %q", got, DefaultLastModified)
	}
}

func TestBadConfig(t *testing.T) {
	tests := []struct{ name, site, want string }{
		{"unknown setting", "speed: fast\n", ".site:1: unknown setting"},
		{"relative calendar", "# c\ncalendar: lich\n", ".site:2: calendar path"},
		{"no colon", "calendar\n", ".site:1: want"},
		{"bad bool", "case-insensitive: yes\n", "must be true or false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "x.vn"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "x.vn", ".site"), []byte(tt.site), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := New(dir, Options{})
			if err == nil {
				s.Close()
				t.Fatalf("New accepted .site %q", tt.site)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "testsite: ") {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := New(filepath.Join(t.TempDir(), "missing"), Options{}); err == nil {
		t.Error("New accepted a missing directory")
	}
}

func TestBadLastModified(t *testing.T) {
	s := newTree(t, map[string]string{
		"a.vn/x.html":         "x",
		"a.vn/x.html.headers": "Last-Modified: yesterday\n",
	}, Options{})
	resp, _ := get(t, s, "GET", "http://a.vn/x.html", nil)
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("status %d for an invalid Last-Modified, want 500", resp.StatusCode)
	}
}

func FuzzFileName(f *testing.F) {
	for _, s := range []string{"/", "/tin/bai-1.html", "/list.aspx?Page=2", "/a;jsessionid=1?sid=2&x=3", "/../x", "/a/.b", "/r?u=/a/b", "/%2e%2e/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		u, err := url.ParseRequestURI(uri)
		if err != nil {
			return
		}
		name, ok := FileName(u)
		if !ok {
			return
		}
		file, _, _ := strings.Cut(name, "@")
		for _, seg := range strings.Split(file, "/") {
			if seg == ".." || strings.HasPrefix(seg, ".") {
				t.Errorf("FileName(%q) = %q escapes or reveals a hidden file", uri, name)
			}
		}
		if strings.HasPrefix(name, "/") || strings.HasSuffix(name, ".headers") {
			t.Errorf("FileName(%q) = %q", uri, name)
		}
		if again, _ := FileName(u); again != name {
			t.Errorf("FileName not deterministic: %q, %q", name, again)
		}
	})
}
