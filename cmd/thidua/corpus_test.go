package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/thidua/thidua/corpus"
)

const corpusFixture = "../../testdata/corpus/records.jsonl"

// runThidua runs the command line in-process and returns its stdout and
// stderr.
func runThidua(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errOut)
	err := root.ExecuteContext(t.Context())
	return out.String(), errOut.String(), err
}

// TestCorpusCommands runs import, index, query, compare, search and dump
// against a temporary data directory, in that order, checking each output.
func TestCorpusCommands(t *testing.T) {
	data := t.TempDir()
	steps := []struct {
		name  string
		args  []string
		check func(t *testing.T, stdout, stderr string)
	}{
		{"import", []string{"import", corpusFixture}, func(t *testing.T, stdout, _ string) {
			want := corpusFixture + ": 14 added, 0 updated, 4 linked, 0 lines skipped\n"
			if stdout != want {
				t.Errorf("stdout = %q, want %q", stdout, want)
			}
		}},
		{"import again", []string{"import", corpusFixture}, func(t *testing.T, stdout, _ string) {
			if !strings.Contains(stdout, ": 0 added, 14 updated, 0 linked, 0 lines skipped") {
				t.Errorf("stdout = %q", stdout)
			}
		}},
		{"index", []string{"index"}, func(t *testing.T, stdout, stderr string) {
			if !strings.Contains(stdout, "up to date: 14 records, generation 2") || stderr != "" {
				t.Errorf("stdout = %q, stderr = %q", stdout, stderr)
			}
		}},
		{"query", []string{"query", "bien phong", "--format", "json"}, func(t *testing.T, stdout, _ string) {
			var m corpus.Matrix
			if err := json.Unmarshal([]byte(stdout), &m); err != nil {
				t.Fatalf("%v in %q", err, stdout)
			}
			if m.Unit != "border-guard" || !slices.Contains(m.Member, "Hà Tĩnh") {
				t.Errorf("unit %q, member rows %v", m.Unit, m.Member)
			}
			i, j := slices.Index(m.Rows, "Hà Tĩnh"), slices.Index(m.Cols, "2020")
			if i < 0 || j < 0 {
				t.Fatalf("no Hà Tĩnh/2020 in rows %v cols %v", m.Rows, m.Cols)
			}
			if c := m.Cells[i][j]; c.State != corpus.Member || c.Articles != 1 || len(c.Records) != 2 {
				t.Errorf("Hà Tĩnh/2020 = %+v, want member of 2 records counted once", c)
			}
		}},
		{"query table", []string{"query", "BĐBP", "--year", "2020"}, func(t *testing.T, stdout, _ string) {
			if !strings.Contains(stdout, "Hà Tĩnh") || strings.Contains(stdout, "2021") {
				t.Errorf("table for 2020:\n%s", stdout)
			}
		}},
		{"compare", []string{"compare", "--year", "2020", "--format", "json"}, func(t *testing.T, stdout, _ string) {
			var tb corpus.Table
			if err := json.Unmarshal([]byte(stdout), &tb); err != nil {
				t.Fatalf("%v in %q", err, stdout)
			}
			for _, p := range []string{"Hà Tĩnh", "Cần Thơ", "Nam Định"} {
				if !slices.Contains(tb.Rows, p) {
					t.Errorf("rows %v lack %s", tb.Rows, p)
				}
			}
			if !slices.Contains(tb.Cols, "mobile-police") {
				t.Errorf("cols %v lack mobile-police", tb.Cols)
			}
		}},
		{"search", []string{"search", "biên phòng", "--format", "json"}, func(t *testing.T, stdout, _ string) {
			var res corpus.SearchResult
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("%v in %q", err, stdout)
			}
			if res.Total == 0 || !slices.ContainsFunc(res.Hits, func(h corpus.Hit) bool { return h.Record.ID == "seed-000" }) {
				t.Errorf("total %d, hits %d: seed-000 not found", res.Total, len(res.Hits))
			}
		}},
		{"dump", []string{"dump", "-o", filepath.Join(data, "out.jsonl")}, func(t *testing.T, stdout, _ string) {
			b, err := os.ReadFile(filepath.Join(data, "out.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			if n := bytes.Count(b, []byte("\n")); n != 13 { // the relevant records
				t.Errorf("dump has %d lines, want 13", n)
			}
			for _, f := range []string{"out.schema.json", "out.card.md"} {
				if _, err := os.Stat(filepath.Join(data, f)); err != nil {
					t.Errorf("no %s beside the dump: %v", f, err)
				}
			}
		}},
		{"dump all to stdout", []string{"dump", "--all", "--format", "jsonl"}, func(t *testing.T, stdout, _ string) {
			if n := strings.Count(stdout, "\n"); n != 14 {
				t.Errorf("dump --all has %d lines, want 14", n)
			}
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			stdout, stderr, err := runThidua(t, append(st.args, "--data", data)...)
			if err != nil {
				t.Fatalf("thidua %s: %v\nstderr: %s", strings.Join(st.args, " "), err, stderr)
			}
			st.check(t, stdout, stderr)
		})
	}
}

// TestCorpusCommandErrors checks the failures a researcher meets: bad
// lines (kept going, exit code 2), an unknown unit, a bad year range.
func TestCorpusCommandErrors(t *testing.T) {
	data := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"a\",\"relevant\":true}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		code     int    // exitError code; 0 for a plain error
		inErr    string // in the error
		inStderr string
	}{
		{"bad line", []string{"import", bad}, 2, "1 lines skipped", "bad.jsonl:2: "},
		{"unknown unit", []string{"query", "no such unit"}, 0, "unknown unit", ""},
		{"bad years", []string{"query", "police", "--year", "20x1"}, 0, `--year "20x1"`, ""},
		{"compare needs one", []string{"compare"}, 0, "needs a year or a province", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, err := runThidua(t, append(tt.args, "--data", data)...)
			if err == nil || !strings.Contains(err.Error(), tt.inErr) {
				t.Fatalf("error %v, want one with %q", err, tt.inErr)
			}
			code := 0
			if ee := (*exitError)(nil); errors.As(err, &ee) {
				code = ee.code
			}
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr %q lacks %q", stderr, tt.inStderr)
			}
		})
	}
}
