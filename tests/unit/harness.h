/* harness.h - a minimal test harness: CHECK records, main reports. */
#ifndef PC_HARNESS_H
#define PC_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_passed, h_failed;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (cond) {                                                              \
      h_passed++;                                                            \
    } else {                                                                 \
      h_failed++;                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,      \
              #cond);                                                        \
    }                                                                        \
  } while (0)

#define CHECK_STR(a, b)                                                      \
  do {                                                                       \
    const char *a_ = (a), *b_ = (b);                                         \
    if (a_ && b_ && strcmp(a_, b_) == 0) {                                   \
      h_passed++;                                                            \
    } else {                                                                 \
      h_failed++;                                                            \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got  \"%s\"\n"         \
                      "  want \"%s\"\n",                                     \
              __FILE__, __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");\
    }                                                                        \
  } while (0)

/* The plain closing line: "N passed, M failed". */
static int h_report(void) {
  printf("%d passed, %d failed\n", h_passed, h_failed);
  return h_failed ? 1 : 0;
}

#endif
