package nightly

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/thidua/thidua/crawl/testsite"
)

func TestReextract(t *testing.T) {
	e := newEnv(t, testsite.Options{})
	first := e.run(t)
	before := records(t, e.data)
	e.srv.ResetStats()

	t.Run("same extractor", func(t *testing.T) {
		rr, err := Reextract(context.Background(), e.options())
		if err != nil {
			t.Fatal(err)
		}
		if rr.Articles != first.NewRecords || rr.UnchangedRecords != rr.Articles || rr.NewRecords+rr.ChangedRecords != 0 {
			t.Errorf("reextract %+v, want %d articles all unchanged", rr, first.NewRecords)
		}
	})
	t.Run("records lost", func(t *testing.T) {
		// The records are rebuilt from the archive alone.
		if err := os.RemoveAll(filepath.Join(e.data, "records")); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(filepath.Join(e.data, "index")); err != nil {
			t.Fatal(err)
		}
		rr, err := Reextract(context.Background(), e.options())
		if err != nil {
			t.Fatal(err)
		}
		if rr.NewRecords != len(before) {
			t.Errorf("reextract into an empty corpus: %+v, want %d new", rr, len(before))
		}
		if diff := diffRecords(before, records(t, e.data)); diff != "" {
			t.Errorf("records from the archive differ from the night's:\n%s", diff)
		}
		if st := e.srv.Stats(); st.Requests != 0 {
			t.Errorf("re-extraction sent %d requests", st.Requests)
		}
	})
	t.Run("version changed", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(e.data, extractorFile), []byte("thidua-extract/0.0.1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		rep := e.run(t)
		if rep.Reextracted == nil || rep.Reextracted.Articles != len(before) {
			t.Fatalf("night after a version change: reextracted %+v, want %d articles", rep.Reextracted, len(before))
		}
		v, ok, err := lastExtractor(e.data)
		if err != nil || !ok || v != rep.Extractor {
			t.Errorf("extractor version after the night: %q %v %v", v, ok, err)
		}
		if rep := e.run(t); rep.Reextracted != nil {
			t.Errorf("the next night re-extracted again: %+v", rep.Reextracted)
		}
	})
}

func TestReextractNothingCrawled(t *testing.T) {
	dir := t.TempDir()
	rr, err := Reextract(context.Background(), Options{Data: dir, Sources: loadSources(t)})
	if err != nil || rr.Articles != 0 {
		t.Errorf("reextract of a data directory never crawled: %+v %v, want nothing and no error", rr, err)
	}
}
