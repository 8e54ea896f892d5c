package main

import (
	"bytes"
	"os"
)

func main() {
	s := bytes.Repeat([]byte("x"), 65536)
	for {
		os.Stdout.Write(s)
	}
}
