#include <cstdio>
#include <string>
int main() {
  std::string s(65536, 'x');
  for (;;) std::fwrite(s.data(), 1, s.size(), stdout);
}
