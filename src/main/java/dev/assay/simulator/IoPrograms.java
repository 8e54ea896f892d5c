package dev.assay.simulator;

import java.util.Map;

/**
 * The programs the simulator writes for stdin/stdout problems, per language (python, cpp,
 * javascript, go, rust): each family's reference with its parameter {@code {P}}, and the programs
 * of the failing outcomes (a crash, an endless loop, a memory hog, an output flood).
 */
final class IoPrograms {
  private IoPrograms() {}

  /** Family 0: the sum of the n integers that are divisible by P. */
  static final Map<String, String> SUM_MULTIPLES = Map.of(
      "python", """
          import sys

          data = sys.stdin.read().split()
          n = int(data[0])
          print(sum(x for x in map(int, data[1:1 + n]) if x % {P} == 0))
          """,
      "cpp", """
          #include <iostream>

          int main() {
            long long n, x, s = 0;
            std::cin >> n;
            for (long long i = 0; i < n; i++) {
              std::cin >> x;
              if (x % {P} == 0) s += x;
            }
            std::cout << s << "\\n";
            return 0;
          }
          """,
      "javascript", """
          const t = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);
          let s = 0;
          for (let i = 1; i <= t[0]; i++) {
            if (t[i] % {P} === 0) s += t[i];
          }
          console.log(String(s));
          """,
      "go", """
          package main

          import (
          \t"bufio"
          \t"fmt"
          \t"os"
          )

          func main() {
          \tr := bufio.NewReader(os.Stdin)
          \tvar n int
          \tfmt.Fscan(r, &n)
          \tvar s int64
          \tfor i := 0; i < n; i++ {
          \t\tvar x int64
          \t\tfmt.Fscan(r, &x)
          \t\tif x%{P} == 0 {
          \t\t\ts += x
          \t\t}
          \t}
          \tfmt.Println(s)
          }
          """,
      "rust", """
          use std::io::Read;

          fn main() {
              let mut s = String::new();
              std::io::stdin().read_to_string(&mut s).unwrap();
              let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();
              let n = v[0] as usize;
              let mut total: i64 = 0;
              for i in 1..=n {
                  if v[i] % {P} == 0 {
                      total += v[i];
                  }
              }
              println!("{}", total);
          }
          """);

  /** Family 1: F(n) modulo {P}. */
  static final Map<String, String> FIB_MOD = Map.of(
      "python", """
          n = int(input())
          a, b = 0, 1
          for _ in range(n):
              a, b = b, (a + b) % {P}
          print(a % {P})
          """,
      "cpp", """
          #include <iostream>

          int main() {
            long long n, a = 0, b = 1;
            std::cin >> n;
            for (long long i = 0; i < n; i++) {
              long long c = (a + b) % {P};
              a = b;
              b = c;
            }
            std::cout << a % {P} << "\\n";
            return 0;
          }
          """,
      "javascript", """
          const n = Number(require('fs').readFileSync(0, 'utf8').trim());
          let a = 0, b = 1;
          for (let i = 0; i < n; i++) {
            const c = (a + b) % {P};
            a = b;
            b = c;
          }
          console.log(String(a % {P}));
          """,
      "go", """
          package main

          import "fmt"

          func main() {
          \tvar n int64
          \tfmt.Scan(&n)
          \tvar a, b int64 = 0, 1
          \tfor i := int64(0); i < n; i++ {
          \t\ta, b = b, (a+b)%{P}
          \t}
          \tfmt.Println(a % {P})
          }
          """,
      "rust", """
          use std::io::Read;

          fn main() {
              let mut s = String::new();
              std::io::stdin().read_to_string(&mut s).unwrap();
              let n: u64 = s.trim().parse().unwrap();
              let (mut a, mut b): (u64, u64) = (0, 1);
              for _ in 0..n {
                  let c = (a + b) % {P};
                  a = b;
                  b = c;
              }
              println!("{}", a % {P});
          }
          """);

  /** Family 2: how many words have more than {P} letters. */
  static final Map<String, String> LONG_WORDS = Map.of(
      "python", """
          import sys

          print(sum(1 for w in sys.stdin.read().split() if len(w) > {P}))
          """,
      "cpp", """
          #include <iostream>
          #include <string>

          int main() {
            std::string w;
            int count = 0;
            while (std::cin >> w) {
              if ((int) w.size() > {P}) count++;
            }
            std::cout << count << "\\n";
            return 0;
          }
          """,
      "javascript", """
          const words = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);
          console.log(String(words.filter((w) => w.length > {P}).length));
          """,
      "go", """
          package main

          import (
          \t"bufio"
          \t"fmt"
          \t"os"
          )

          func main() {
          \tsc := bufio.NewScanner(os.Stdin)
          \tsc.Split(bufio.ScanWords)
          \tcount := 0
          \tfor sc.Scan() {
          \t\tif len(sc.Text()) > {P} {
          \t\t\tcount++
          \t\t}
          \t}
          \tfmt.Println(count)
          }
          """,
      "rust", """
          use std::io::Read;

          fn main() {
              let mut s = String::new();
              std::io::stdin().read_to_string(&mut s).unwrap();
              println!("{}", s.split_whitespace().filter(|w| w.len() > {P}).count());
          }
          """);

  static final Map<String, String> CRASH = Map.of(
      "python", "raise ValueError('not implemented')\n",
      "cpp", "#include <stdexcept>\n\nint main() {\n  throw std::runtime_error(\"not implemented\");\n}\n",
      "javascript", "throw new Error('not implemented');\n",
      "go", "package main\n\nfunc main() {\n\tpanic(\"not implemented\")\n}\n",
      "rust", "fn main() {\n    panic!(\"not implemented\");\n}\n");

  static final Map<String, String> LOOP = Map.of(
      "python", "while True:\n    pass\n",
      "cpp", "int main() {\n  volatile unsigned long long x = 0;\n  while (true) x++;\n}\n",
      "javascript", "let x = 0;\nfor (;;) {\n  x++;\n}\n",
      "go", "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n",
      "rust", "fn main() {\n    loop {}\n}\n");

  static final Map<String, String> HOG = Map.of(
      "python", "hog = []\nwhile True:\n    hog.append([0] * 1000000)\n",
      "cpp", "#include <vector>\n\nint main() {\n  std::vector<std::vector<char>> hog;\n  while (true) hog.emplace_back(1 << 20, 1);\n}\n",
      "javascript", "const hog = [];\nfor (;;) hog.push(new Array(1 << 20).fill(1));\n",
      "go", "package main\n\nvar hog [][]byte\n\nfunc main() {\n\tfor {\n\t\tb := make([]byte, 1<<20)\n\t\tfor i := range b {\n"
          + "\t\t\tb[i] = 1\n\t\t}\n\t\thog = append(hog, b)\n\t}\n}\n",
      "rust", "fn main() {\n    let mut hog: Vec<Vec<u8>> = Vec::new();\n    loop {\n        hog.push(vec![1u8; 1 << 20]);\n    }\n}\n");

  static final Map<String, String> FLOOD = Map.of(
      "python", "while True:\n    print('x' * 10000)\n",
      "cpp", "#include <cstdio>\n#include <string>\n\nint main() {\n  std::string s(10000, 'x');\n  for (;;) std::puts(s.c_str());\n}\n",
      "javascript", "const fs = require('fs');\nconst s = 'x'.repeat(10000) + '\\n';\nfor (;;) fs.writeSync(1, s);\n",
      "go", "package main\n\nimport (\n\t\"os\"\n\t\"strings\"\n)\n\nfunc main() {\n\tb := []byte(strings.Repeat(\"x\", 10000))\n"
          + "\tfor {\n\t\tos.Stdout.Write(b)\n\t}\n}\n",
      "rust", "use std::io::Write;\n\nfn main() {\n    let s = \"x\".repeat(10000);\n    let mut out = std::io::stdout();\n"
          + "    loop {\n        if out.write_all(s.as_bytes()).is_err() {\n            return;\n        }\n    }\n}\n");

  /** The source with a syntax error: a compile error for every language. */
  static String broken(String language, String source) {
    return switch (language) {
      case "python" -> source + "\ndef broken(:\n    pass\n";
      case "javascript" -> source + "\nfunction broken( {\n";
      default -> source.substring(0, Math.max(0, source.lastIndexOf('}'))) + "\n";
    };
  }

  /** The comment that starts a line in {@code language}. */
  static String comment(String language) {
    return language.equals("python") ? "# " : "// ";
  }
}
