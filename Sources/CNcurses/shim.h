// The C surface KeepwarmCurses needs from ncursesw. Swift cannot import function-like or cast-built macros (A_BOLD,
// COLOR_PAIR, getmaxyx, KEY_F), and Swift 6 rejects reading C mutable globals (stdscr, LINES, COLS) as unsafe, so
// those are wrapped here. Plain numeric macros (KEY_UP, KEY_CODE_YES, ERR, COLOR_CYAN) import as they are.
#ifndef KEEPWARM_CNCURSES_SHIM_H
#define KEEPWARM_CNCURSES_SHIM_H

// Wide-character curses (cchar_t, setcchar, wget_wch, wadd_wchnstr) is only declared under X/Open.
#define _XOPEN_SOURCE 700
#define NCURSES_WIDECHAR 1

#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
// Not <signal.h>: under _XOPEN_SOURCE it declares ucontext_t differently from Swift's Glibc module and the build fails;
// Swift code gets the signal API from Glibc instead.

static inline WINDOW *kw_stdscr(void) { return stdscr; }
static inline int kw_lines(void) { return LINES; }
static inline int kw_cols(void) { return COLS; }

static inline void kw_getmaxyx(WINDOW *win, int *y, int *x) {
    int yy = 0, xx = 0;
    if (win) getmaxyx(win, yy, xx);
    *y = yy;
    *x = xx;
}

static inline attr_t kw_a_normal(void) { return A_NORMAL; }
static inline attr_t kw_a_bold(void) { return A_BOLD; }
static inline attr_t kw_a_dim(void) { return A_DIM; }
static inline attr_t kw_a_reverse(void) { return A_REVERSE; }
static inline attr_t kw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t kw_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline int kw_key_f(int n) { return KEY_F(n); }

// The mouse: the left button's press and the wheel's two directions (buttons 4 and 5), built by function-like macros.
static inline mmask_t kw_mouse_events(void) { return BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
// What a reported mouse event was: 1 the left button pressed, 4 wheel up, 5 wheel down, 0 anything else.
static inline int kw_mouse_kind(mmask_t state) {
    if (state & BUTTON1_PRESSED) return 1;
    if (state & BUTTON4_PRESSED) return 4;
    if (state & BUTTON5_PRESSED) return 5;
    return 0;
}

// newterm on the real stdout/stdin, as initscr would, but returning NULL for a terminal type terminfo does not know
// (initscr prints "Error opening terminal" and exits, which leaves the user no hint). stdout and stdin are C globals
// Swift 6 will not read, hence the wrapper.
// The locale's character encoding ("UTF-8", "ANSI_X3.4-1968" under LANG=C); CODESET is an enum Swift may not see.
static inline const char *kw_codeset(void) { return nl_langinfo(CODESET); }

static inline SCREEN *kw_newterm(void) { return newterm(NULL, stdout, stdin); }

#endif
