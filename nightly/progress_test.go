package nightly

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/testsite"
	"github.com/thidua/thidua/crawl/warc"
)

// progressLog records what Options.Progress is told and fails the test on
// a concurrent call.
type progressLog struct {
	t    *testing.T
	busy atomic.Bool
	mu   sync.Mutex
	seen []Progress
}

func (l *progressLog) hook(p Progress) {
	if !l.busy.CompareAndSwap(false, true) {
		l.t.Errorf("concurrent Progress call with %+v", p)
	}
	defer l.busy.Store(false)
	l.mu.Lock()
	l.seen = append(l.seen, p)
	l.mu.Unlock()
}

// phases returns the phases seen, in order, each once per stretch, and
// checks that no count but Pending goes down within a phase.
func (l *progressLog) phases() []Phase {
	l.t.Helper()
	var out []Phase
	for i, p := range l.seen {
		if i == 0 || p.Phase != l.seen[i-1].Phase {
			out = append(out, p.Phase)
			continue
		}
		q := l.seen[i-1]
		if p.Articles < q.Articles || p.Records < q.Records || p.Errors < q.Errors || p.Fetches < q.Fetches {
			l.t.Errorf("%s: counts went down at call %d: %+v after %+v", p.Phase, i, p, q)
		}
		if p.Total > 0 && p.Articles > p.Total {
			l.t.Errorf("%s: %d articles out of %d", p.Phase, p.Articles, p.Total)
		}
	}
	return out
}

// last returns the last Progress of phase.
func (l *progressLog) last(phase Phase) Progress {
	l.t.Helper()
	for _, p := range slices.Backward(l.seen) {
		if p.Phase == phase {
			return p
		}
	}
	l.t.Fatalf("no %s progress in %+v", phase, l.seen)
	return Progress{}
}

// TestProgress runs nights over the fixture sites with a Progress hook:
// each sees its phases in order, never concurrently, with counts that do
// not go down, and the last counts of each phase are the report's.
func TestProgress(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	nights := []struct {
		name   string
		before func(t *testing.T)
		want   []Phase
	}{
		{"first night", nil, []Phase{PhaseCrawl}},
		{"extractor changed", func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(e.data, extractorFile), []byte("thidua-extract/0.0.1\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []Phase{PhaseReextract, PhaseCrawl}},
		{"pending page", func(t *testing.T) {
			if err := writePending(e.data, []pendingPage{archivedPage(t, e)}); err != nil {
				t.Fatal(err)
			}
		}, []Phase{PhasePending, PhaseCrawl}},
	}
	for _, n := range nights {
		t.Run(n.name, func(t *testing.T) {
			if n.before != nil {
				n.before(t)
			}
			l := &progressLog{t: t}
			o := e.options()
			o.Progress = l.hook
			rep, err := Run(context.Background(), o)
			if err != nil {
				t.Fatalf("nightly: %v", err)
			}
			if got := l.phases(); !slices.Equal(got, n.want) {
				t.Fatalf("phases %q, want %q", got, n.want)
			}
			c := l.last(PhaseCrawl)
			if c.Articles != rep.Articles || c.Records != rep.NewRecords+rep.ChangedRecords || c.Errors != rep.ErrorCount() {
				t.Errorf("last crawl progress %+v; report: %d articles, %d records stored, %d errors",
					c, rep.Articles, rep.NewRecords+rep.ChangedRecords, rep.ErrorCount())
			}
			if c.Fetches == 0 || int64(c.Fetches) > rep.Requests {
				t.Errorf("last crawl progress: %d fetches; report: %d requests", c.Fetches, rep.Requests)
			}
			if slices.Contains(n.want, PhaseReextract) {
				checkReextractProgress(t, l.last(PhaseReextract), *rep.Reextracted)
			}
			if slices.Contains(n.want, PhasePending) {
				p := l.last(PhasePending)
				if p.Total != rep.Retried || p.Articles != rep.Retried {
					t.Errorf("last pending progress %+v; report: %d retried", p, rep.Retried)
				}
			}
		})
	}
	t.Run("reextract", func(t *testing.T) {
		l := &progressLog{t: t}
		o := e.options()
		o.Progress = l.hook
		rr, err := Reextract(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.phases(); !slices.Equal(got, []Phase{PhaseReextract}) {
			t.Fatalf("phases %q, want only %q", got, PhaseReextract)
		}
		checkReextractProgress(t, l.last(PhaseReextract), rr)
	})
}

func checkReextractProgress(t *testing.T, p Progress, rr ReextractReport) {
	t.Helper()
	errs := 0
	for _, n := range rr.Errors {
		errs += n
	}
	if p.Articles == 0 || p.Articles != rr.Articles || p.Total < p.Articles ||
		p.Records != rr.NewRecords+rr.ChangedRecords || p.Errors != errs {
		t.Errorf("last re-extraction progress %+v; report %+v", p, rr)
	}
}

// archivedPage returns one archived article of the night before as a
// pending page.
func archivedPage(t *testing.T, e *env) pendingPage {
	t.Helper()
	var page pendingPage
	err := crawl.States(e.data, func(s crawl.URLState) error {
		if page.URL == "" && s.Kind == crawl.KindArticle && s.DuplicateOf == "" && s.CanonicalOf == "" && s.Hash != "" {
			page = pendingPage{URL: s.URL, Location: s.Location, Error: "test"}
			if site := e.src.Site(s.Site); site != nil {
				page.Province = site.Province
			}
		}
		return nil
	})
	if err != nil || page.URL == "" || page.Location == (warc.Location{}) {
		t.Fatalf("no archived article in the state: %v", err)
	}
	return page
}
