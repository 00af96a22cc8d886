package nightly

import (
	"context"
	"os"
	"testing"

	"github.com/thidua/thidua/corpus"
	"github.com/thidua/thidua/crawl"
	"github.com/thidua/thidua/crawl/testsite"
	"github.com/thidua/thidua/extract"
)

// fixtureSites are the fixture sites of the repository (testdata/sites).
const fixtureSites = "../testdata/sites"

// env is a nightly over the fixture sites served on loopback.
type env struct {
	srv  *testsite.Server
	src  *crawl.Sources
	data string
}

func newEnv(t testing.TB, o testsite.Options) *env {
	t.Helper()
	srv, err := testsite.New(fixtureSites, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return &env{srv: srv, src: loadSources(t), data: t.TempDir()}
}

func loadSources(t testing.TB) *crawl.Sources {
	t.Helper()
	f, err := os.Open(fixtureSites + "/sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	src, err := crawl.LoadSources(f, "sources.toml")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func (e *env) options(more ...crawl.Option) Options {
	return Options{
		Data:    e.data,
		Sources: e.src,
		Crawl:   append([]crawl.Option{crawl.WithTransport(e.srv.Transport()), crawl.WithDelay(0)}, more...),
	}
}

// run runs one night and fails the test on an error.
func (e *env) run(t testing.TB, more ...crawl.Option) Report {
	t.Helper()
	rep, err := Run(context.Background(), e.options(more...))
	if err != nil {
		t.Fatalf("nightly: %v (report %+v)", err, rep)
	}
	return rep
}

// records returns the records of a data directory by id.
func records(t testing.TB, data string) map[string]extract.Record {
	t.Helper()
	c, err := corpus.Open(data, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	recs := map[string]extract.Record{}
	for r, err := range c.All() {
		if err != nil {
			t.Fatal(err)
		}
		recs[r.ID] = r
	}
	return recs
}
