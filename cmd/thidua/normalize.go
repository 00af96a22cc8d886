package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/thidua/thidua/normalize"
)

func newNormalizeCmd() *cobra.Command {
	var o normalize.Options
	cmd := &cobra.Command{
		Use:   "normalize [FILE|-]...",
		Short: "Write Vietnamese text in thidua's canonical form, or its folded match key",
		Long: `Normalize reads text (standard input when no FILE is given, or for "-") and
writes it in the canonical form every record string has: Unicode NFC, the
official tone placement ("hoà" → "hòa", "Uỷ" → "Ủy"), invisible characters
removed, spaces folded, lines kept (runs of blank lines become one). Each
input's text is followed by a newline.

The input bytes are decoded first. With --from, from that charset (a WHATWG
label such as utf-8, windows-1258, latin1, or tcvn3 / vni for the legacy
.VnTime and VNI-Times font encodings), taken at its word. Without it, as a page without a
Content-Type: a byte order mark, then a <meta charset>, then a guess (valid
UTF-8 is UTF-8; otherwise windows-1258, windows-1252, TCVN3 or VNI, whichever
reads as Vietnamese). Text found in a legacy font encoding is converted. A
guess other than UTF-8, and a legacy conversion, are reported on stderr.

--fold writes the match key instead: lower case, no diacritics, đ → d, one
character for each character of the normalized text.`,
		Example: `  echo 'Uỷ ban nhân dân tỉnh Khánh Hoà' | thidua normalize          # Ủy ban nhân dân tỉnh Khánh Hòa
  echo 'Uỷ ban nhân dân tỉnh Khánh Hoà' | thidua normalize --fold   # uy ban nhan dan tinh khanh hoa
  thidua normalize article.txt page2.txt > clean.txt
  thidua normalize --from windows-1258 old.txt
  thidua normalize --from tcvn3 vntime.txt > unicode.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNormalize(cmd, args, o)
		},
	}
	cmd.Flags().BoolVar(&o.Fold, "fold", false, "write the folded match key instead of the text")
	cmd.Flags().StringVar(&o.From, "from", "", "decode the input from `CHARSET` (utf-8, windows-1258, latin1, tcvn3, vni …) instead of guessing")
	return cmd
}

func runNormalize(cmd *cobra.Command, args []string, o normalize.Options) (err error) {
	w := bufio.NewWriter(cmd.OutOrStdout())
	defer func() {
		if ferr := w.Flush(); err == nil && ferr != nil {
			err = ferr
		}
	}()
	if len(args) == 0 {
		args = []string{"-"}
	}
	for _, name := range args {
		if err := normalizeFile(cmd, w, name, o); err != nil {
			return err
		}
	}
	return nil
}

func normalizeFile(cmd *cobra.Command, w io.Writer, name string, o normalize.Options) error {
	var r io.Reader = cmd.InOrStdin()
	label := "stdin"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err // names the file
		}
		defer f.Close()
		r, label = f, name
	}
	d, err := normalize.Process(w, r, o)
	if err != nil {
		return fmt.Errorf("%s: %w", label, err)
	}
	stderr := cmd.ErrOrStderr()
	if d.Source == normalize.SourceGuess && d.Charset != "utf-8" {
		fmt.Fprintf(stderr, "thidua: %s: decoded as %s (guessed)\n", label, d.Charset)
	}
	if d.Legacy != normalize.LegacyNone && o.From == "" {
		fmt.Fprintf(stderr, "thidua: %s: converted from the legacy %s font encoding\n", label, d.Legacy)
	}
	if d.Invalid > 0 {
		fmt.Fprintf(stderr, "thidua: %s: %d invalid bytes replaced by U+FFFD\n", label, d.Invalid)
	}
	return nil
}
