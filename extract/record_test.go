package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/thidua/thidua/internal/fastjson"
)

// recordLines are JSONL files of records: the gold records, the corpus
// fixture (with evidence and links) and the development set's gold.
var recordLines = []string{
	"../testdata/corpus/gold.jsonl",
	"../testdata/corpus/records.jsonl",
	"../../shared/gold/dev.gold.jsonl",
}

// TestRecordJSONRoundTrip decodes every record of recordLines (through
// internal/fastjson, as Record.UnmarshalJSON does) as encoding/json
// decodes it, and writes it back to what it decodes from again.
func TestRecordJSONRoundTrip(t *testing.T) {
	n := 0
	for _, path := range recordLines {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for line := 1; sc.Scan(); line++ {
			sameDecoding(t, sc.Bytes())
			var r Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
			var again Record
			if err := json.Unmarshal(b, &again); err != nil || !reflect.DeepEqual(r, again) {
				t.Errorf("%s:%d: written and read again: %v\n%+v\n%+v", path, line, err, again, r)
			}
			n++
		}
		f.Close()
	}
	if n < 50 {
		t.Fatalf("only %d records read", n)
	}
}

// sameDecoding checks that fastjson decodes b into the wire form of a
// record exactly as encoding/json does: the same value, or an error from
// both. (The messages may differ in how they name a field inside a list:
// "wireRecord.members.0.unit" where encoding/json says
// "Member.members.unit".)
func sameDecoding(t *testing.T, b []byte) {
	t.Helper()
	var fast, std wireRecord
	ferr, serr := fastjson.Unmarshal(b, &fast), json.Unmarshal(b, &std)
	switch {
	case (ferr == nil) != (serr == nil):
		t.Fatalf("%q: fastjson error %v, encoding/json error %v", b, ferr, serr)
	case ferr != nil:
	case !reflect.DeepEqual(fast, std):
		t.Fatalf("%q: fastjson decoded\n%+v\nencoding/json\n%+v", b, fast, std)
	}
}

// FuzzRecordDecoding compares fastjson with encoding/json on any input.
func FuzzRecordDecoding(f *testing.F) {
	for _, path := range recordLines[:2] {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for _, l := range bytes.Split(data, []byte("\n")) {
			f.Add(l)
		}
	}
	f.Add([]byte(`{"id":"x","year":"2020"}`))
	f.Add([]byte(`{"id":"x","members":[{"name":"Công an","unit":1}]}`))
	f.Add([]byte(`{"ID":"x","Title":"hoa \u00e0","evidence":{"a":{"start":1}}}`))
	f.Fuzz(func(t *testing.T, b []byte) { sameDecoding(t, b) })
}
