package crawl

import (
	"encoding/json"
	"testing"
	"time"
)

// TestSettledOrQueued checks the undecoded test against the decoded
// fields it stands for.
func TestSettledOrQueued(t *testing.T) {
	const run = int64(763785200123456)
	tests := []struct {
		name string
		st   URLState
	}{
		{"new this run", URLState{URL: "https://a.vn/x", Run: run}},
		{"queued", URLState{URL: "https://a.vn/x", Queued: frontierKey("a.vn", 2, time.Now(), "https://a.vn/x"), Run: run - 1}},
		{"queued and this run", URLState{URL: "https://a.vn/x", Queued: []byte("k"), Run: run}},
		{"earlier run", URLState{URL: "https://a.vn/x", Run: run - 1, Hash: "sha256:00"}},
		{"run is a suffix of another", URLState{URL: "https://a.vn/x", Run: 91763785200123456}},
		{"run is a prefix of another", URLState{URL: "https://a.vn/x", Run: run / 10}},
		{"no run", URLState{URL: "https://a.vn/x"}},
		{"url that looks like a field", URLState{URL: `https://a.vn/x?"queued":1&"run":763785200123456}`, Run: 5}},
		{"parked", URLState{URL: "https://a.vn/x", Parked: true, NextDue: time.Now().Add(time.Hour), Run: run - 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := json.Marshal(&tt.st)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.st.Queued != nil || tt.st.Run == run
			if got := settledOrQueued(v, run); got != want {
				t.Errorf("settledOrQueued(%s) = %v, want %v", v, got, want)
			}
		})
	}
}
