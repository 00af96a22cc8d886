package crawl

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/crawl/testsite"
)

const fixtureSites = "../testdata/crawl/sites"

// env is a crawl over the fixture sites of testdata/crawl.
type env struct {
	srv  *testsite.Server
	src  *Sources
	data string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	srv, err := testsite.New(fixtureSites, testsite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	f, err := os.Open("../testdata/crawl/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := LoadSources(f, "sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	return &env{srv: srv, src: src, data: t.TempDir()}
}

// run crawls once with zero delays and returns the summary and the pages
// reported, by canonical URL.
func (e *env) run(t testing.TB, opts ...Option) (Summary, map[string]Page) {
	t.Helper()
	var mu sync.Mutex
	pages := map[string]Page{}
	all := append([]Option{
		WithTransport(e.srv.Transport()), WithDelay(0), WithTimeout(2 * time.Second),
		WithRetry(3, Backoff{Base: 10 * time.Millisecond, Cap: 2 * time.Second}),
		WithArticle(func(p Page) { mu.Lock(); pages[p.Canonical] = p; mu.Unlock() }),
	}, opts...)
	c, err := New(e.src, e.data, all...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("Run: %v (summary %+v)", err, sum)
	}
	return sum, pages
}

func TestCrawlFixtureSites(t *testing.T) {
	e := newEnv(t)
	sum, pages := e.run(t)
	t.Logf("summary: %+v", sum)
	// 12 baonghean + 6 baophapluat (one a copy) + 6 thads (one more
	// disallowed) + 6 vksbinhdinh, less the syndicated copy.
	if sum.NewArticles != 29 || len(pages) != 29 {
		t.Errorf("new articles %d, pages %d, want 29", sum.NewArticles, len(pages))
	}
	t.Run("syndicated article is a duplicate", func(t *testing.T) {
		if sum.Duplicates != 1 {
			t.Errorf("duplicates %d, want 1", sum.Duplicates)
		}
		a, b := "https://baonghean.vn/khoi-thi-dua-noi-chinh-bai-101-101.html", "https://baophapluat.vn/phap-luat/dong-bai-nghe-an-578299.html"
		_, okA := pages[a]
		_, okB := pages[b]
		if okA == okB {
			t.Errorf("want exactly one of the two copies reported: %v %v", okA, okB)
		}
	})
	t.Run("robots.txt disallow", func(t *testing.T) {
		if sum.RobotsDisallowed < 2 {
			t.Errorf("robots disallowed %d, want ≥ 2 (/admin/, ItemID=4999)", sum.RobotsDisallowed)
		}
		if _, ok := pages["https://thads.moj.gov.vn/noidung/tintuc/Lists/TinTuDiaPhuong/View_Detail.aspx?ItemID=4999"]; ok {
			t.Error("a page robots.txt forbids was fetched")
		}
		for p := range e.srv.Stats().ByPath {
			if strings.Contains(p, "/admin/") || strings.Contains(p, "_layouts") || strings.Contains(p, "4999") {
				t.Errorf("requested %s, which robots.txt disallows", p)
			}
		}
	})
	t.Run("calendar trap bounded", func(t *testing.T) {
		n := 0
		for p, k := range e.srv.Stats().ByPath {
			if strings.Contains(p, "/lich") {
				n += k
			}
		}
		if n > 0 || sum.Traps < 1 {
			t.Errorf("calendar requests %d (want 0), traps %d (want ≥ 1)", n, sum.Traps)
		}
	})
	t.Run("windows-1258 page", func(t *testing.T) {
		p, ok := pages["https://vksbinhdinh.gov.vn/newsdetail.asp?newsID=92975"]
		if !ok {
			t.Fatal("windows-1258 page not reported")
		}
		if p.Charset != "windows-1258" || !strings.Contains(p.HTML, "Khối thi đua Nội chính") {
			t.Errorf("charset %q, text decoded wrong: %.300q", p.Charset, p.HTML)
		}
		if p.Province != "Bình Định" || p.Site != "vksbinhdinh" || p.Location.File == "" {
			t.Errorf("page fields %q %q %+v", p.Province, p.Site, p.Location)
		}
	})
	t.Run("broken HTML", func(t *testing.T) {
		if _, ok := pages["https://baonghean.vn/khoi-thi-dua-noi-chinh-bai-103-103.html"]; !ok {
			t.Error("the broken-HTML article was not reported")
		}
	})
	t.Run("no errors", func(t *testing.T) {
		if sum.ErrorCount() != 0 {
			t.Errorf("errors %v", sum.Errors)
		}
	})
	t.Run("archive holds every page", func(t *testing.T) {
		n := 0
		seen := map[string]bool{}
		err := ReadArchive(filepath.Join(e.data, "warc"), func(p ArchivedPage) error {
			seen[p.URL] = true
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for u := range pages {
			if !seen[u] {
				t.Errorf("%s reported but not in the archive", u)
			}
		}
	})
}

func TestSecondRunNotModified(t *testing.T) {
	e := newEnv(t)
	first, _ := e.run(t)
	b1 := e.srv.Stats().Bytes
	e.srv.ResetStats()
	second, pages := e.run(t)
	st := e.srv.Stats()
	t.Logf("first run %d bytes, second %d bytes, %d requests, %d not modified", b1, st.Bytes, st.Requests, st.NotModified)
	if st.Bytes*20 > b1 {
		t.Errorf("second run transferred %d bytes, more than 5%% of %d", st.Bytes, b1)
	}
	if second.NotModified == 0 || st.NotModified != second.NotModified {
		t.Errorf("not modified: summary %d, server %d", second.NotModified, st.NotModified)
	}
	if second.NewArticles != 0 || len(pages) != 0 || second.Resumed {
		t.Errorf("second run reported %d new articles (resumed %v)", second.NewArticles, second.Resumed)
	}
	if first.NewArticles == 0 {
		t.Error("first run found nothing")
	}
}

func TestTenNewArticles(t *testing.T) {
	e := newEnv(t)
	e.run(t)
	var links strings.Builder
	want := map[string]bool{}
	for i := range 10 {
		path := "/bai-moi-khoi-noi-chinh-" + string(rune('a'+i)) + "-9" + string(rune('0'+i)) + "0.html"
		body := "<html><head><meta charset=utf-8></head><body><div class=\"article-body\"><p>Khối thi đua Nội chính, tin mới số " + path + "</p></div></body></html>"
		e.srv.Put("baonghean.vn", path, []byte(body), nil)
		links.WriteString(`<a href="` + path + `">mới</a>`)
		want["https://baonghean.vn"+path] = true
	}
	e.srv.Put("baonghean.vn", "/thoi-su", []byte("<html><body>"+links.String()+`<a href="/thoi-su/trang-2">2</a></body></html>`), nil)
	sum, pages := e.run(t)
	if sum.NewArticles != 10 || len(pages) != 10 {
		t.Errorf("second run: %d new articles, %d pages, want 10", sum.NewArticles, len(pages))
	}
	for u := range pages {
		if !want[u] {
			t.Errorf("unexpected page %s", u)
		}
	}
}
