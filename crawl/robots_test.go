package crawl

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRobotsInState checks that robots.txt is fetched once per host and
// night: a run cut short and resumed reads it from the state store, and
// the next night asks with a conditional request (304).
func TestRobotsInState(t *testing.T) {
	const key = "congan.hatinh.gov.vn/robots.txt"
	const robotsURL = "https://" + key
	e := newEnv(t)
	robotsState := func() URLState {
		var st URLState
		if err := States(e.data, func(s URLState) error {
			if s.URL == robotsURL {
				st = s
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return st
	}
	e.run(t, WithSites("congan-hatinh"), WithMaxPages(2))
	if n := e.srv.Stats().ByPath[key]; n != 1 {
		t.Fatalf("first run asked robots.txt %d times, want 1", n)
	}
	st := robotsState()
	if st.Kind != KindRobots || st.Status != http.StatusOK || st.ETag == "" || st.Location.File == "" || st.Site != "congan-hatinh" {
		t.Errorf("robots.txt state after the first run: %+v", st)
	}
	tests := []struct {
		name        string
		resumed     bool
		asked       int
		notModified bool
	}{
		{"resumed run reads the store", true, 0, false},
		{"next night asks conditionally", false, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.srv.ResetStats()
			sum, _ := e.run(t, WithSites("congan-hatinh"))
			if sum.Resumed != tt.resumed {
				t.Errorf("resumed %v, want %v", sum.Resumed, tt.resumed)
			}
			stats := e.srv.Stats()
			if n := stats.ByPath[key]; n != tt.asked {
				t.Errorf("robots.txt asked %d times, want %d", n, tt.asked)
			}
			if tt.notModified && stats.NotModified < 1 {
				t.Errorf("no 304 answered")
			}
			got := robotsState()
			if got.Status != http.StatusOK || got.ETag != st.ETag || got.Location != st.Location {
				t.Errorf("robots.txt state changed: %+v, was %+v", got, st)
			}
		})
	}
}

// robotsSitemapSites is the site tree of the robots.txt Sitemap tests
// (testdata/robots-sitemaps/README.md).
const robotsSitemapSites = "testdata/robots-sitemaps"

// The articles of baothidua.vn, each listed only by a sitemap that its
// robots.txt names; the third is dated 2024.
var robotsSitemapArticles = []string{
	"https://baothidua.vn/tin-bai/khoi-thi-dua-noi-chinh-ky-ket-giao-uoc-101.html",
	"https://baothidua.vn/tin-bai/tong-ket-phong-trao-thi-dua-khoi-noi-chinh-102.html",
	"https://baothidua.vn/tin-bai/hoi-nghi-khen-thuong-cu-103.html",
	"https://baothidua.vn/tin-bai/trao-co-thi-dua-khoi-noi-chinh-104.html",
}

// Paths of the fixture (host and request URI, as testsite counts them).
const (
	robotsSitemapIndex = "baothidua.vn/du-lieu/so-do/tin-bai.xml"
	robotsSitemapChild = "baothidua.vn/du-lieu/so-do/tin-bai-2025-11.xml"
	robotsSitemapWWW   = "www.baothidua.vn/so-do-www.xml"
	robotsSitemapGone  = "baothidua.vn/sitemap-cu.xml"
)

// robotsSitemapNeverAsked are Sitemap lines the crawl must not follow:
// disallowed by the robots.txt, a never pattern, another registrable
// domain of the site, another site, a host no site has.
var robotsSitemapNeverAsked = []string{
	"baothidua.vn/quan-tri/so-do.xml",
	"baothidua.vn/tag/so-do.xml",
	"baothidua.com.vn/sitemap-com.xml",
	"tinkhac.vn/sitemap-tinkhac.xml",
	"example.com/sitemap.xml",
}

func pathOf(u string) string { return strings.TrimPrefix(u, "https://") }

// patient replaces e.run's 2 s request timeout: the tests below count the
// requests of each URL, which a retry on a loaded machine would double.
var patient = WithTimeout(20 * time.Second)

// TestRobotsSitemaps crawls a site whose articles are listed only by the
// sitemaps its robots.txt names (one at an unusual path, one on its www
// host): the crawl finds them, follows no Sitemap line to another site,
// another registrable domain, a disallowed or a never path, and the next
// night asks each sitemap once, conditionally, and no article again.
func TestRobotsSitemaps(t *testing.T) {
	e := newEnvAt(t, robotsSitemapSites)
	first, pages := e.run(t, patient)
	stats := e.srv.Stats()
	t.Logf("first night: %+v", first)
	for _, u := range robotsSitemapArticles {
		if _, ok := pages[u]; !ok {
			t.Errorf("%s not found", u)
		}
		if n := stats.ByPath[pathOf(u)]; n != 1 {
			t.Errorf("%s asked %d times, want 1", u, n)
		}
	}
	if first.NewArticles != len(robotsSitemapArticles) || len(pages) != len(robotsSitemapArticles) {
		t.Errorf("new articles %d, pages %d, want %d", first.NewArticles, len(pages), len(robotsSitemapArticles))
	}
	for _, p := range []string{robotsSitemapIndex, robotsSitemapChild, robotsSitemapWWW, robotsSitemapGone} {
		if n := stats.ByPath[p]; n != 1 {
			t.Errorf("%s asked %d times, want 1 (the robots.txt names it twice, once with another spelling)", p, n)
		}
	}
	for _, p := range robotsSitemapNeverAsked {
		for asked := range stats.ByPath {
			if strings.HasPrefix(asked, p) {
				t.Errorf("asked %s, which the crawl must not follow", asked)
			}
		}
	}
	if first.RobotsDisallowed != 1 || first.Errors[kindSitemapMissing] != 1 || first.ErrorCount() != 0 {
		t.Errorf("robots disallowed %d (want 1: the /quan-tri/ sitemap), errors %v (want %s: 1, no failure)",
			first.RobotsDisallowed, first.Errors, kindSitemapMissing)
	}
	states := map[string]URLState{}
	if err := States(e.data, func(s URLState) error { states[s.URL] = s; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{robotsSitemapIndex, robotsSitemapWWW, robotsSitemapGone} {
		st := states["https://"+p]
		if st.Kind != KindSitemap || !st.FromRobots || st.Queued != nil {
			t.Errorf("state of %s: kind %q, from robots %v, queued %v", p, st.Kind, st.FromRobots, st.Queued != nil)
		}
	}
	if st := states["https://"+robotsSitemapGone]; st.LastError != kindSitemapMissing || st.Status != http.StatusNotFound {
		t.Errorf("state of %s: %+v", robotsSitemapGone, st)
	}
	if st := states["https://"+robotsSitemapChild]; st.FromRobots {
		t.Errorf("%s, listed by a sitemap index, is marked as named by robots.txt", robotsSitemapChild)
	}

	t.Run("second night", func(t *testing.T) {
		e.srv.ResetStats()
		second, pages := e.run(t, patient)
		stats := e.srv.Stats()
		t.Logf("second night: %+v; server: %d requests, %d bytes, %d not modified", second, stats.Requests, stats.Bytes, stats.NotModified)
		if second.Resumed || second.NewArticles != 0 || len(pages) != 0 || second.Discovered != 0 {
			t.Errorf("resumed %v, new articles %d, pages %d, discovered %d; want a new night with nothing new",
				second.Resumed, second.NewArticles, len(pages), second.Discovered)
		}
		// What TestSecondRunNotModified allows the fixture sites.
		if stats.Bytes*20 > first.Bytes {
			t.Errorf("second night transferred %d bytes, more than 5%% of %d", stats.Bytes, first.Bytes)
		}
		for _, u := range robotsSitemapArticles {
			if n := stats.ByPath[pathOf(u)]; n != 0 {
				t.Errorf("%s asked again (%d times)", u, n)
			}
		}
		// The sitemaps robots.txt names are revisited (conditionally),
		// as sitemaps are; a child whose lastmod did not change is not.
		want := map[string]int{"baothidua.vn/robots.txt": 1, robotsSitemapIndex: 1, robotsSitemapWWW: 1, robotsSitemapGone: 1, robotsSitemapChild: 0}
		for p, n := range want {
			if got := stats.ByPath[p]; got != n {
				t.Errorf("%s asked %d times, want %d", p, got, n)
			}
		}
		if stats.NotModified != second.NotModified || second.NotModified < 4 {
			t.Errorf("not modified: summary %d, server %d; want ≥ 4 (robots.txt, home page, two sitemaps)", second.NotModified, stats.NotModified)
		}
		if second.ErrorCount() != 0 {
			t.Errorf("errors %v", second.Errors)
		}
	})
}

// TestRobotsSitemapsRules runs the Sitemap lines through --since, --dry-run
// and a resumed run.
func TestRobotsSitemapsRules(t *testing.T) {
	old := robotsSitemapArticles[2]
	t.Run("since", func(t *testing.T) {
		e := newEnvAt(t, robotsSitemapSites)
		_, pages := e.run(t, patient, WithSince(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)))
		if _, ok := pages[old]; ok || len(pages) != len(robotsSitemapArticles)-1 {
			t.Errorf("pages %d, the 2024 article among them: %v", len(pages), ok)
		}
		if n := e.srv.Stats().ByPath[pathOf(old)]; n != 0 {
			t.Errorf("the 2024 article was asked %d times", n)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		e := newEnvAt(t, robotsSitemapSites)
		sum, pages := e.run(t, patient, WithDryRun(true))
		stats := e.srv.Stats()
		if len(pages) != 0 || sum.Fetched == 0 {
			t.Errorf("dry run: %d pages, %d fetched", len(pages), sum.Fetched)
		}
		for _, p := range []string{robotsSitemapIndex, robotsSitemapChild, robotsSitemapWWW} {
			if stats.ByPath[p] != 1 {
				t.Errorf("dry run asked %s %d times, want 1", p, stats.ByPath[p])
			}
		}
		for _, u := range robotsSitemapArticles {
			if n := stats.ByPath[pathOf(u)]; n != 0 {
				t.Errorf("dry run asked %s", u)
			}
		}
		// the four articles and the home page's link to /gioi-thieu
		if sum.WouldFetch != len(robotsSitemapArticles)+1 {
			t.Errorf("would fetch %d, want %d", sum.WouldFetch, len(robotsSitemapArticles)+1)
		}
		for _, p := range []string{"crawl/state.db", "warc"} {
			if _, err := os.Stat(filepath.Join(e.data, p)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("dry run left %s (%v)", p, err)
			}
		}
	})
	t.Run("resumed run", func(t *testing.T) {
		// Cut after the first fetch, whose robots.txt queued the
		// sitemaps: the resumed run reads robots.txt from the store, and
		// the sitemaps are still queued.
		e := newEnvAt(t, robotsSitemapSites)
		e.run(t, patient, WithMaxPages(1))
		e.srv.ResetStats()
		sum, pages := e.run(t, patient)
		if !sum.Resumed || len(pages) != len(robotsSitemapArticles) {
			t.Errorf("resumed %v, pages %d, want %d", sum.Resumed, len(pages), len(robotsSitemapArticles))
		}
		if n := e.srv.Stats().ByPath["baothidua.vn/robots.txt"]; n != 0 {
			t.Errorf("the resumed run asked robots.txt %d times", n)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		e := newEnvAt(t, robotsSitemapSites)
		var b strings.Builder
		b.WriteString("User-agent: *\nDisallow: /quan-tri/\n")
		for i := range maxRobotsSitemaps + 20 {
			fmt.Fprintf(&b, "Sitemap: https://baothidua.vn/so-do-%03d.xml\n", i)
		}
		e.srv.Put("baothidua.vn", "/robots.txt", []byte(b.String()), http.Header{"Content-Type": {"text/plain"}})
		sum, _ := e.run(t, patient, WithSites("baothidua"))
		n := 0
		for p := range e.srv.Stats().ByPath {
			if strings.HasPrefix(p, "baothidua.vn/so-do-") {
				n++
			}
		}
		if n != maxRobotsSitemaps || sum.Errors[kindSitemapMissing] != maxRobotsSitemaps || sum.ErrorCount() != 0 {
			t.Errorf("sitemaps asked %d, missing %d, errors %v; want %d asked, all missing, no failure",
				n, sum.Errors[kindSitemapMissing], sum.Errors, maxRobotsSitemaps)
		}
	})
}

func TestSameRegistrable(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"baonghean.vn", "baonghean.vn", true},
		{"baonghean.vn", "www.baonghean.vn", true},
		{"congan.hatinh.gov.vn", "hatinh.gov.vn", true},
		{"hatinh.gov.vn", "nghean.gov.vn", false}, // gov.vn is a public suffix
		{"baothidua.vn", "baothidua.com.vn", false},
		{"baothidua.vn", "tinkhac.vn", false},
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1", "127.0.0.2", false},
		{"localhost", "www.localhost", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" "+tt.b, func(t *testing.T) {
			if got := sameRegistrable(tt.a, tt.b); got != tt.want {
				t.Errorf("sameRegistrable(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// TestPendingOnResume checks that a run resuming a killed one counts the
// fetches the killed run left in the frontier as pending, from its first
// progress report on, and ends with none pending.
func TestPendingOnResume(t *testing.T) {
	e := newEnv(t)
	e.run(t, WithMaxPages(5))
	left := 0
	if err := States(e.data, func(s URLState) error {
		if s.Queued != nil && !s.NextDue.After(time.Now()) {
			left++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if left < 3 {
		t.Fatalf("the first run left %d fetches; the test needs a few", left)
	}
	var mu sync.Mutex
	var reports []Progress
	sum, _ := e.run(t, WithProgress(func(p Progress) {
		mu.Lock()
		reports = append(reports, p)
		mu.Unlock()
	}))
	if !sum.Resumed || len(reports) == 0 {
		t.Fatalf("resumed %v, %d progress reports", sum.Resumed, len(reports))
	}
	if first := reports[0]; first.Done+first.Pending < left {
		t.Errorf("first report of the resumed run: %d done, %d pending; the frontier held %d", first.Done, first.Pending, left)
	}
	if last := reports[len(reports)-1]; last.Pending != 0 {
		t.Errorf("last report: %d pending, want 0", last.Pending)
	}
}
