package testsite

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/gocolly/colly/v2"
)

func TestPut(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	t.Run("new page", func(t *testing.T) {
		s.Put("a.vn", "/tin/moi-1.html", []byte("<html>moi</html>"), nil)
		resp, body := get(t, s, "GET", "https://a.vn/tin/moi-1.html", nil)
		if resp.StatusCode != 200 || body != "<html>moi</html>" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("got %d %q %q", resp.StatusCode, body, resp.Header.Get("Content-Type"))
		}
	})
	t.Run("replaces a file and changes validators", func(t *testing.T) {
		old, _ := get(t, s, "GET", "http://a.vn/list.aspx?Page=2", nil)
		s.Put("a.vn", "/list.aspx?Page=2", []byte("<html>page 2, new</html>"), nil)
		resp, body := get(t, s, "GET", "http://a.vn/list.aspx?Page=2", map[string]string{
			"If-None-Match": old.Header.Get("ETag"),
		})
		if resp.StatusCode != 200 || body != "<html>page 2, new</html>" {
			t.Errorf("got %d %q", resp.StatusCode, body)
		}
		resp, _ = get(t, s, "GET", "http://a.vn/list.aspx?Page=2", map[string]string{
			"If-Modified-Since": old.Header.Get("Last-Modified"),
		})
		if resp.StatusCode != 200 {
			t.Errorf("If-Modified-Since the old date: status %d, want 200", resp.StatusCode)
		}
	})
	t.Run("explicit headers", func(t *testing.T) {
		h := http.Header{"Content-Type": {"application/rss+xml"}, "Last-Modified": {"Fri, 01 Mar 2024 00:00:00 GMT"}}
		s.Put("new.vn", "/feed", []byte("<rss/>"), h)
		h.Set("Content-Type", "text/plain") // Put copied the header
		resp, _ := get(t, s, "GET", "http://new.vn/feed", nil)
		if resp.Header.Get("Content-Type") != "application/rss+xml" || resp.Header.Get("Last-Modified") != "Fri, 01 Mar 2024 00:00:00 GMT" {
			t.Errorf("headers %v", resp.Header)
		}
	})
}

func TestStats(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	get(t, s, "GET", "http://a.vn/tin/bai-1.html", nil)
	r, _ := get(t, s, "GET", "http://a.vn/tin/bai-1.html", nil)
	get(t, s, "GET", "http://a.vn/tin/bai-1.html", map[string]string{"If-None-Match": r.Header.Get("ETag")})
	get(t, s, "HEAD", "http://b.vn/tin/bai-1.html?x=1", nil)
	get(t, s, "GET", "http://a.vn/missing", nil)
	st := s.Stats()
	want := Stats{Requests: 5, Bytes: 2 * int64(len("<html>bai 1</html>")), NotModified: 1}
	if st.Requests != want.Requests || st.Bytes != want.Bytes || st.NotModified != want.NotModified {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	if st.ByPath["a.vn/tin/bai-1.html"] != 3 || st.ByPath["b.vn/tin/bai-1.html?x=1"] != 1 || st.ByPath["a.vn/missing"] != 1 {
		t.Errorf("ByPath = %v", st.ByPath)
	}
	st.ByPath["a.vn/tin/bai-1.html"] = 99
	if s.Stats().ByPath["a.vn/tin/bai-1.html"] != 3 {
		t.Error("Stats returned its own map")
	}
	s.ResetStats()
	if st := s.Stats(); st.Requests != 0 || st.Bytes != 0 || len(st.ByPath) != 0 {
		t.Errorf("after ResetStats: %+v", st)
	}
}

func TestCalendarTrap(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	c := colly.NewCollector(colly.MaxDepth(40))
	c.WithTransport(s.Transport())
	seen := map[string]bool{}
	var mu sync.Mutex
	c.OnHTML("a.next", func(e *colly.HTMLElement) {
		_ = e.Request.Visit(e.Attr("href"))
	})
	c.OnResponse(func(r *colly.Response) {
		mu.Lock()
		defer mu.Unlock()
		seen[r.Request.URL.String()] = true
		if r.StatusCode != 200 || !strings.Contains(string(r.Body), "Các tin đã đưa ngày") {
			t.Errorf("%s: %d", r.Request.URL, r.StatusCode)
		}
	})
	if err := c.Visit("https://c.vn/lich/?ngay=2024-12-30"); err != nil {
		t.Fatal(err)
	}
	c.Wait()
	if len(seen) != 40 {
		t.Errorf("followed %d distinct calendar pages, want 40 (the trap never ends)", len(seen))
	}
	for _, u := range []string{"https://c.vn/lich/?ngay=2024-12-31", "https://c.vn/lich/?ngay=2025-01-01", "https://c.vn/lich/?ngay=2025-02-07"} {
		if !seen[u] {
			t.Errorf("%s not reached", u)
		}
	}
	resp, _ := get(t, s, "GET", "http://a.vn/lich/?ngay=2024-01-01", nil)
	if resp.StatusCode != 404 {
		t.Errorf("calendar served on a host without it: %d", resp.StatusCode)
	}
	r1, b1 := get(t, s, "GET", "http://c.vn/lich/?ngay=2024-05-05", nil)
	r2, b2 := get(t, s, "GET", "http://c.vn/lich/?ngay=2024-05-05", map[string]string{"If-None-Match": r1.Header.Get("ETag")})
	if b1 == "" || b2 != "" || r2.StatusCode != 304 {
		t.Errorf("calendar page is not stable: second fetch %d", r2.StatusCode)
	}
}

func TestCollyTransport(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	c := colly.NewCollector(colly.Async(true))
	c.WithTransport(s.Transport())
	c.IgnoreRobotsTxt = false
	var mu sync.Mutex
	got := map[string]string{}
	c.OnResponse(func(r *colly.Response) {
		mu.Lock()
		got[r.Request.URL.String()] = string(r.Body)
		mu.Unlock()
	})
	for _, u := range []string{"https://a.vn/tin/bai-1.html", "http://b.vn/tin/bai-1.html", "https://a.vn/private/x.html"} {
		_ = c.Visit(u)
	}
	c.Wait()
	if got["https://a.vn/tin/bai-1.html"] != "<html>bai 1</html>" || got["http://b.vn/tin/bai-1.html"] != "<html>bai 1 of b</html>" {
		t.Errorf("colly fetched %v", got)
	}
	if _, ok := got["https://a.vn/private/x.html"]; ok {
		t.Error("colly fetched a page robots.txt disallows")
	}
	if s.Stats().ByPath["a.vn/robots.txt"] != 1 {
		t.Errorf("robots.txt fetched %d times through the transport", s.Stats().ByPath["a.vn/robots.txt"])
	}
}

func TestConcurrent(t *testing.T) {
	s := newTree(t, basicTree, Options{})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.SetFault("a.vn", fmt.Sprintf("/f%d", i), Fault{Status: 500, Times: 1})
			s.Put("a.vn", fmt.Sprintf("/p%d.html", i), []byte("x"), nil)
			for j := range 10 {
				resp, err := s.Client().Get(fmt.Sprintf("http://a.vn/p%d.html?utm_source=%d", i, j))
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("page %d: status %d", i, resp.StatusCode)
				}
			}
			_ = s.Stats()
		}()
	}
	wg.Wait()
	if st := s.Stats(); st.Requests != 160 {
		t.Errorf("Requests = %d, want 160", st.Requests)
	}
}
