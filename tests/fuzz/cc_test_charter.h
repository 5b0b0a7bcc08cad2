/* The charter the unit tests (cc_unit_test_charter) and the fuzzers
 * (cc_fuzz_charter) judge against: one required and three optional
 * categories (statistics granted by default), exact names and globs, a
 * declared domain and path, prefixed names. The consent cookie's name and
 * lifetime are the defaults, written out because the consent tests' ages
 * and Set-Cookie headers rely on them. Plain C, no Check: both include it. */
#ifndef CC_TEST_CHARTER_H
#define CC_TEST_CHARTER_H

#define CC_TEST_CHARTER_YAML \
    "charter: 1\n"                               \
    "site:\n"                                    \
    "  name: test.example\n"                     \
    "revision: \"2024-06\"\n"                    \
    "languages: [fr, en]\n"                      \
    "consent:\n"                                 \
    "  cookie: cookies_preferences\n"            \
    "  lifetime_days: 182\n"                     \
    "categories:\n"                              \
    "  - id: necessary\n"                        \
    "    required: true\n"                       \
    "    label: Necessary\n"                     \
    "    description: Needed to run the site.\n" \
    "  - id: preferences\n"                      \
    "    label: Preferences\n"                   \
    "    description: Remember choices.\n"       \
    "  - id: statistics\n"                       \
    "    label: Statistics\n"                    \
    "    description: Audience measurement.\n"   \
    "    default: granted\n"                     \
    "  - id: marketing\n"                        \
    "    label: Marketing\n"                     \
    "    description: Advertising.\n"            \
    "cookies:\n"                                 \
    "  - name: sessionid\n"                      \
    "    category: necessary\n"                  \
    "    service: Session\n"                     \
    "    purpose: Keep the session.\n"           \
    "  - name: __Host-session\n"                 \
    "    category: necessary\n"                  \
    "    service: Session\n"                     \
    "    purpose: Keep the session.\n"           \
    "  - name: lang\n"                           \
    "    category: preferences\n"                \
    "    service: Language\n"                    \
    "    purpose: Remember the language.\n"      \
    "  - name: _pk_id.*\n"                       \
    "    category: statistics\n"                 \
    "    service: Matomo\n"                      \
    "    purpose: Count visits.\n"               \
    "  - name: _ga*\n"                           \
    "    category: statistics\n"                 \
    "    service: Google Analytics\n"            \
    "    purpose: Count visits.\n"               \
    "  - name: ads\n"                            \
    "    category: marketing\n"                  \
    "    service: Ads\n"                         \
    "    purpose: Show ads.\n"                   \
    "    domain: .example.org\n"                 \
    "    path: /shop\n"                          \
    "  - name: __Secure-ad\n"                    \
    "    category: marketing\n"                  \
    "    service: Ads\n"                         \
    "    purpose: Show ads.\n"

#endif
