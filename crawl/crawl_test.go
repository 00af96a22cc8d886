package crawl

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/thidua/thidua/crawl/testsite"
)

// fixtureSites are the fixture sites shared with the nightly job and the
// demo (testdata/sites/README.md), crawled with their sources.toml.
const fixtureSites = "../testdata/sites"

// env is a crawl over the fixture sites of testdata/sites.
type env struct {
	srv  *testsite.Server
	src  *Sources
	data string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvAt(t, fixtureSites)
}

// newEnvAt is a crawl over the site tree dir, with dir/sources.toml.
func newEnvAt(t testing.TB, dir string) *env {
	t.Helper()
	srv, err := testsite.New(dir, testsite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	f, err := os.Open(filepath.Join(dir, "sources.toml"))
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

// Fixture URLs the tests name (testdata/sites/README.md).
const (
	syndicatedURL  = "https://baophapluat.vn/tu-phap/vinh-phuc-cac-co-quan-khoi-noi-chinh-ky-ket-giao-uoc-thi-dua-nam-2021-578232.html"
	mobileURL      = "https://m.baophapluat.vn/tu-phap/vinh-phuc-cac-co-quan-khoi-noi-chinh-ky-ket-giao-uoc-thi-dua-nam-2021-578232.html"
	brokenHTMLURL  = "https://vksbinhdinh.gov.vn/newsdetail.asp?newsID=88412&cat1id=2&Cat2id=6"
	cp1258Header   = "https://congan.hatinh.gov.vn/bai-viet/khoi-thi-dua-noi-chinh-tinh-ky-giao-uoc-thi-dua-nam-2020_1582793311.caht"
	cp1258MetaOnly = "https://congan.hatinh.gov.vn/bai-viet/cong-an-5-thanh-pho-ky-giao-uoc-thi-dua-nam-2020_1581669240.caht"
	robotsBlocked  = cp1258MetaOnly // disallowed by the robots.txt TestCrawlFixtureSites puts
)

// fixtureArticles is the number of distinct articles on the fixture sites:
// thads 7, vksbinhdinh 2, baonghean 4, baophapluat 3 (one also on
// m.baophapluat.vn), congan.hatinh 2.
const fixtureArticles = 18

func TestCrawlFixtureSites(t *testing.T) {
	e := newEnv(t)
	sum, pages := e.run(t)
	t.Logf("summary: %+v", sum)
	if sum.NewArticles != fixtureArticles || len(pages) != fixtureArticles {
		t.Errorf("new articles %d, pages %d, want %d", sum.NewArticles, len(pages), fixtureArticles)
	}
	t.Run("syndicated article recorded once, under its canonical URL", func(t *testing.T) {
		p, ok := pages[syndicatedURL]
		if !ok {
			t.Fatalf("%s not reported", syndicatedURL)
		}
		if _, ok := pages[mobileURL]; ok {
			t.Errorf("the m. copy was reported under its own URL")
		}
		if p.Site != "baophapluat" {
			t.Errorf("site %q, want baophapluat (the canonical URL's site)", p.Site)
		}
		n := 0
		for path := range e.srv.Stats().ByPath {
			if strings.HasSuffix(path, "-578232.html") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("the article was fetched at %d URLs, want 1 (one fetch per canonical URL)", n)
		}
	})
	t.Run("robots.txt disallow", func(t *testing.T) {
		// Every path below is disallowed by a fixture robots.txt; most are
		// also never-patterns, so none may be asked.
		for p := range e.srv.Stats().ByPath {
			for _, bad := range []string{"/admin/", "/_layouts/", "/_catalogs/", "/print.asp", "print=", "/amp/", "/api/", "baophapluat.vn/tim-kiem"} {
				if strings.Contains(p, bad) {
					t.Errorf("requested %s, which robots.txt disallows", p)
				}
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
	t.Run("windows-1258 pages", func(t *testing.T) {
		for _, u := range []string{cp1258Header, cp1258MetaOnly} {
			p, ok := pages[u]
			if !ok {
				t.Errorf("%s not reported", u)
				continue
			}
			if p.Charset != "windows-1258" || !strings.Contains(p.HTML, "giao ước thi đua") {
				t.Errorf("%s: charset %q, text decoded wrong: %.300q", u, p.Charset, p.HTML)
			}
			if p.Province != "Hà Tĩnh" || p.Site != "congan-hatinh" || p.Location.File == "" {
				t.Errorf("%s: page fields %q %q %+v", u, p.Province, p.Site, p.Location)
			}
		}
		if !strings.Contains(pages[cp1258Header].HTML, "Khối thi đua Nội chính") {
			t.Errorf("relevant page lacks the bloc name: %.300q", pages[cp1258Header].HTML)
		}
	})
	t.Run("broken HTML", func(t *testing.T) {
		if _, ok := pages[brokenHTMLURL]; !ok {
			t.Error("the broken-HTML article was not reported")
		}
	})
	t.Run("no errors", func(t *testing.T) {
		if sum.ErrorCount() != 0 || sum.Duplicates != 0 {
			t.Errorf("errors %v, duplicates %d", sum.Errors, sum.Duplicates)
		}
	})
	t.Run("archive holds every page", func(t *testing.T) {
		seen := map[string]bool{}
		err := ReadArchive(filepath.Join(e.data, "warc"), func(p ArchivedPage) error {
			seen[p.URL] = true
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for u, p := range pages {
			if !seen[p.URL] {
				t.Errorf("%s reported but %s not in the archive", u, p.URL)
			}
		}
	})
}

// TestRobotsDisallowed puts a robots.txt that forbids one article: it is
// counted, recorded, and never asked for.
func TestRobotsDisallowed(t *testing.T) {
	e := newEnv(t)
	e.srv.Put("congan.hatinh.gov.vn", "/robots.txt", []byte("User-agent: *\nDisallow: /quantri/\nDisallow: /bai-viet/cong-an-5-\n"), http.Header{"Content-Type": {"text/plain"}})
	sum, pages := e.run(t, WithSites("congan-hatinh"))
	if sum.RobotsDisallowed != 1 {
		t.Errorf("robots disallowed %d, want 1", sum.RobotsDisallowed)
	}
	if _, ok := pages[robotsBlocked]; ok || len(pages) != 1 {
		t.Errorf("reported %d pages, %s among them: %v", len(pages), robotsBlocked, ok)
	}
	for p := range e.srv.Stats().ByPath {
		if strings.Contains(p, "/bai-viet/cong-an-5-") {
			t.Errorf("requested %s, which robots.txt disallows", p)
		}
	}
	var st URLState
	States(e.data, func(s URLState) error {
		if s.URL == robotsBlocked {
			st = s
		}
		return nil
	})
	if st.LastError != "robots" {
		t.Errorf("state of the disallowed URL: %+v", st)
	}
}

// TestDuplicateByContent adds, on a second night, a copy of an article at
// another URL of the same site without rel=canonical: its content hash
// finds the original, and it is not reported.
func TestDuplicateByContent(t *testing.T) {
	e := newEnv(t)
	e.run(t, WithSites("baonghean"))
	const orig = "/hoi-nghi-so-ket-cum-thi-dua-6-tinh-bac-trung-bo-61796.html"
	body, err := os.ReadFile(filepath.Join(fixtureSites, "baonghean.vn", orig))
	if err != nil {
		t.Fatal(err)
	}
	body = regexp.MustCompile(`<link rel="canonical"[^>]*>`).ReplaceAll(body, nil)
	e.srv.Put("baonghean.vn", "/ban-sao-hoi-nghi-so-ket-99001.html", body, nil)
	e.srv.Put("baonghean.vn", "/thoi-su", []byte(`<html><body><a href="/ban-sao-hoi-nghi-so-ket-99001.html">x</a></body></html>`), nil)
	sum, pages := e.run(t, WithSites("baonghean"))
	if sum.Duplicates != 1 || sum.NewArticles != 0 || len(pages) != 0 {
		t.Errorf("duplicates %d, new %d, pages %d; want 1, 0, 0", sum.Duplicates, sum.NewArticles, len(pages))
	}
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

// TestHostParallelism crawls with several requests per host at once: the
// same articles, and no URL asked twice (an entry in flight stays in the
// frontier and must not be handed out again).
func TestHostParallelism(t *testing.T) {
	e := newEnv(t)
	sum, pages := e.run(t, WithConcurrency(6), WithHostParallelism(3))
	if sum.NewArticles != fixtureArticles || len(pages) != fixtureArticles || sum.ErrorCount() != 0 {
		t.Errorf("new articles %d, pages %d, errors %v; want %d, no errors", sum.NewArticles, len(pages), sum.Errors, fixtureArticles)
	}
	for p, n := range e.srv.Stats().ByPath {
		if n > 1 {
			t.Errorf("%s asked %d times", p, n)
		}
	}
}
