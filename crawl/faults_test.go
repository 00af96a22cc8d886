package crawl

import (
	"net/http"
	"testing"
	"time"

	"github.com/thidua/thidua/crawl/testsite"
)

// TestFaults crawls the fixture sites with one fault injected on one
// article and checks how the crawl took it.
func TestFaults(t *testing.T) {
	const host = "baonghean.vn"
	const path = "/hoi-nghi-so-ket-cum-thi-dua-6-tinh-bac-trung-bo-61796.html"
	const url = "https://" + host + path
	tests := []struct {
		name     string
		fault    testsite.Fault
		reported bool   // the article is reported in the end
		kind     string // error kind counted, "" for none
		retries  bool
		anyRetry bool // net/http may itself retry a GET on a reset connection
	}{
		{"429 with Retry-After", testsite.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 1}, true, "", true, false},
		{"503 with Retry-After date", testsite.Fault{Status: http.StatusServiceUnavailable, RetryAfter: time.Now().Add(time.Second).UTC().Format(http.TimeFormat), Times: 2}, true, "", true, false},
		{"503 for ever", testsite.Fault{Status: http.StatusServiceUnavailable}, false, "http-5xx", true, false},
		{"slow response", testsite.Fault{Delay: 100 * time.Millisecond}, true, "", false, false},
		{"slow body", testsite.Fault{SlowBody: 10 * time.Millisecond}, true, "", false, false},
		{"hanging response", testsite.Fault{Hang: true}, false, "timeout", true, false},
		{"reset once", testsite.Fault{Reset: true, Times: 1}, true, "", true, true},
		{"reset for ever", testsite.Fault{Reset: true}, false, "reset", true, false},
		{"redirect loop", testsite.Fault{RedirectTo: path}, false, "redirect-loop", false, false},
		{"50 MB page", testsite.Fault{BodySize: 50 << 20}, false, "too-large", false, false},
		{"404", testsite.Fault{Status: http.StatusNotFound}, false, "http-4xx", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.srv.SetFault(host, path, tt.fault)
			sum, pages := e.run(t, WithSites("baonghean"), WithTimeout(500*time.Millisecond), WithMaxBodySize(1<<20))
			if _, ok := pages[url]; ok != tt.reported {
				t.Errorf("article reported %v, want %v", ok, tt.reported)
			}
			if tt.kind != "" && sum.Errors[tt.kind] != 1 {
				t.Errorf("errors %v, want one %s", sum.Errors, tt.kind)
			}
			if tt.kind == "" && sum.ErrorCount() != 0 {
				t.Errorf("errors %v, want none", sum.Errors)
			}
			if !tt.anyRetry && tt.retries != (sum.Retries > 0) {
				t.Errorf("retries %d, want retries: %v", sum.Retries, tt.retries)
			}
			if sum.NewArticles != len(pages) || (tt.reported && sum.NewArticles != 4) || (!tt.reported && sum.NewArticles != 3) {
				t.Errorf("new articles %d", sum.NewArticles)
			}
			if tt.kind == "" {
				return
			}
			var st URLState
			States(e.data, func(s URLState) error {
				if s.URL == url {
					st = s
				}
				return nil
			})
			if st.LastError != tt.kind || st.Errors != 1 {
				t.Errorf("state %+v", st)
			}
			if tt.retries && (st.Queued == nil || time.Until(st.NextDue) < 19*time.Hour) {
				t.Errorf("a failing URL is not queued for the next night: %+v", st)
			}
		})
	}
}

// TestParking fails one URL three nights running: it is parked, and a
// fourth night does not ask for it.
func TestParking(t *testing.T) {
	e := newEnv(t)
	const path = "/hoi-nghi-so-ket-cum-thi-dua-6-tinh-bac-trung-bo-61796.html"
	e.srv.SetFault("baonghean.vn", path, testsite.Fault{Status: http.StatusInternalServerError})
	base := time.Now()
	for night := range 4 {
		start := time.Now()
		offset := time.Duration(night) * 21 * time.Hour
		clock := func() time.Time { return base.Add(offset + time.Since(start)) }
		e.srv.ResetStats()
		sum, _ := e.run(t, WithSites("baonghean"), WithClock(clock), WithRetry(2, Backoff{Base: time.Millisecond, Cap: 10 * time.Millisecond}))
		asked := e.srv.Stats().ByPath["baonghean.vn"+path]
		switch {
		case night < 3 && asked != 2:
			t.Errorf("night %d: asked %d times, want 2 attempts", night+1, asked)
		case night == 2 && sum.Parked != 1:
			t.Errorf("night 3: parked %d, want 1", sum.Parked)
		case night == 3 && asked != 0:
			t.Errorf("night 4: a parked URL was asked %d times", asked)
		}
	}
}
