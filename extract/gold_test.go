package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// sharedGold is the shared gold folder beside the project root.
const sharedGold = "../../shared/gold"

// goldFloors are the figures the extractor reached on the seeds and the
// development set (python3 ../shared/eval/score.py, --json). The test fails
// when a change makes any of them fall, so nothing slips back silently;
// raise them when the extractor gets better.
var goldFloors = map[string]map[string]float64{
	"seeds": {"headline": 1.0, "relevant": 1.0, "province": 1.0, "year": 1.0, "event_date": 1.0,
		"members": 1.0, "awards": 1.0, "bloc.name": 1.0, "member_count": 1.0, "theme": 1.0, "leader": 1.0},
	"dev": {"headline": 1.0, "relevant": 1.0, "province": 1.0, "year": 1.0, "event_date": 1.0,
		"members": 1.0, "awards": 1.0, "bloc.name": 1.0, "member_count": 1.0, "theme": 1.0, "leader": 1.0},
}

// readDocs reads a JSONL file of documents.
func readDocs(t testing.TB, path string) []Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var d Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return docs
}

func goldSets(t testing.TB) []string {
	t.Helper()
	if _, err := os.Stat(sharedGold); err != nil {
		t.Skipf("gold folder %s is absent: %v", sharedGold, err)
	}
	return []string{"seeds", "dev"}
}

// TestGold extracts the gold documents and scores them with the project's
// scorer; every figure must stay at or above its floor.
func TestGold(t *testing.T) {
	sets := goldSets(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the scorer needs it")
	}
	for _, set := range sets {
		t.Run(set, func(t *testing.T) {
			docs := readDocs(t, filepath.Join(sharedGold, set+".docs.jsonl"))
			pred := filepath.Join(t.TempDir(), set+".pred.jsonl")
			var b strings.Builder
			for _, d := range docs {
				res, err := Extract(d, Options{})
				if err != nil {
					t.Fatalf("%s: %v", d.ID, err)
				}
				j, err := json.Marshal(res.Record)
				if err != nil {
					t.Fatal(err)
				}
				b.Write(j)
				b.WriteByte('\n')
			}
			if err := os.WriteFile(pred, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(py, "../../shared/eval/score.py", filepath.Join(sharedGold, set+".gold.jsonl"), pred, "--json").Output()
			if err != nil {
				t.Fatalf("score.py: %v", err)
			}
			var score struct {
				Figures map[string]float64 `json:"figures"`
			}
			// The scorer prints the JSON object, then its headline line.
			if err := json.NewDecoder(strings.NewReader(string(out))).Decode(&score); err != nil {
				t.Fatalf("score.py output %q: %v", out, err)
			}
			head := 0.0
			for _, f := range []string{"relevant", "province", "year", "event_date", "bloc.name", "members", "member_count", "theme", "awards", "leader"} {
				head += score.Figures[f]
			}
			score.Figures["headline"] = head / 10
			for field, floor := range goldFloors[set] {
				if got := score.Figures[field]; got < floor-1e-9 {
					t.Errorf("%s %s = %.3f, below its floor %.3f (run score.py --show-errors)", set, field, got, floor)
				}
			}
			t.Logf("%s headline %.3f", set, score.Figures["headline"])
		})
	}
}

// TestEvidenceSlices checks that every evidence span slices the normalized
// text to exactly the stored evidence, in runes.
func TestEvidenceSlices(t *testing.T) {
	for _, set := range goldSets(t) {
		for _, d := range readDocs(t, filepath.Join(sharedGold, set+".docs.jsonl")) {
			res, err := Extract(d, Options{})
			if err != nil {
				t.Fatalf("%s: %v", d.ID, err)
			}
			runes := []rune(res.Text)
			for field, ev := range res.Record.Evidence {
				if ev.Start < 0 || ev.End > len(runes) || ev.Start > ev.End {
					t.Errorf("%s %s: span [%d,%d) outside the text (%d runes)", d.ID, field, ev.Start, ev.End, len(runes))
					continue
				}
				if got := string(runes[ev.Start:ev.End]); got != ev.Text {
					t.Errorf("%s %s: text[%d:%d] = %q, evidence says %q", d.ID, field, ev.Start, ev.End, got, ev.Text)
				}
			}
			if res.Record.Relevant && len(res.Record.Evidence) == 0 {
				t.Errorf("%s: relevant record without evidence", d.ID)
			}
		}
	}
}
