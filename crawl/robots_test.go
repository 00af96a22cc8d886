package crawl

import (
	"net/http"
	"testing"
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
