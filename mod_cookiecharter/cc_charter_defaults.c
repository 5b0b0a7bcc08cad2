/* The built-in banner texts, in French and English, used where a charter
 * gives none. Short, plain wording in the CNIL's spirit: the optional
 * purposes are named and refusing is as easy as accepting. */
#include <string.h>

#include "cc_charter_int.h"

const char *const cc_text_keys[CC_T__COUNT] = {
    "title", "message", "accept_all", "reject_all", "customize", "save",
    "manage", "learn_more"
};

static const char *const texts_fr[CC_T__COUNT] = {
    "Gestion des cookies",
    "Ce site utilise des cookies nécessaires à son fonctionnement et, avec "
    "votre accord, des cookies optionnels pour les usages ci-dessous. "
    "Vous pouvez tout accepter, tout refuser aussi simplement, ou choisir "
    "par catégorie. Vous pouvez changer d'avis à tout moment.",
    "Tout accepter",
    "Tout refuser",
    "Personnaliser",
    "Enregistrer mes choix",
    "Gérer les cookies",
    "En savoir plus"
};

static const char *const texts_en[CC_T__COUNT] = {
    "Cookie settings",
    "This site uses cookies that it needs to work and, with your consent, "
    "optional cookies for the purposes below. You can accept them all, "
    "reject them all just as easily, or choose by category. You can change "
    "your mind at any time.",
    "Accept all",
    "Reject all",
    "Customise",
    "Save my choices",
    "Manage cookies",
    "Learn more"
};

const char *const *cc_charter_builtin_texts(const char *lang)
{
    if (strncmp(lang, "fr", 2) == 0 && (lang[2] == '\0' || lang[2] == '-')) {
        return texts_fr;
    }
    if (strncmp(lang, "en", 2) == 0 && (lang[2] == '\0' || lang[2] == '-')) {
        return texts_en;
    }
    return NULL;
}
