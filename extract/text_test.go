package extract

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestCueHitsInOnePass checks that the cue phrases newText notes while it
// folds are those a pass of their own (phraseSet.find) finds, on the gold
// texts and on written forms at the edges: phrases at the very start and
// end, after punctuation folded to itself, across line ends.
func TestCueHitsInOnePass(t *testing.T) {
	texts := []string{
		"",
		"ký kết giao ước",
		"Ký kết giao ước thi đua năm 2024 “Khối thi đua” – trưởng khối",
		"…Trưởng khối: Công an tỉnh; phó khối—Tòa án\nngày 5/3 tổng kết",
		"khối\nthi đua\n\nNgày",
		"ȺȺȺ Khối thi đua ȺA Công an tỉnh", // a key longer than its text ("Ⱥ" folds to the longer "ⱥ")
		"\xff\xffKý kết giao ước",          // invalid bytes fold to U+FFFD
	}
	for _, set := range goldSets(t) {
		for _, d := range readDocs(t, filepath.Join(sharedGold, set+".docs.jsonl")) {
			texts = append(texts, ParseText(d.Text).Text)
		}
	}
	for _, s := range texts {
		checkCueHits(t, s)
	}
}

func checkCueHits(t *testing.T, s string) {
	t.Helper()
	x := newText(s)
	defer x.release()
	want := cuePhrases().find(x.key)
	if !reflect.DeepEqual(x.hits, want) {
		t.Fatalf("newText(%.60q): %d cue hits, a pass of their own finds %d", s, len(x.hits), len(want))
	}
}

func FuzzCueHits(f *testing.F) {
	f.Add("Khối thi đua Nội chính ký kết giao ước thi đua năm 2024")
	f.Add("trưởng khối“ngày”x\xffký kết")
	f.Fuzz(func(t *testing.T, s string) { checkCueHits(t, s) })
}
