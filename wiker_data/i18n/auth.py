"""Texts of signing in and out."""

MESSAGES: dict[str, dict[str, str]] = {
    # sign-in
    "auth.title": {"fr": "Connexion des coordinateurs", "en": "Coordinators' sign-in"},
    "auth.name": {"fr": "Identifiant", "en": "User name"},
    "auth.password": {"fr": "Mot de passe", "en": "Password"},
    "auth.submit": {"fr": "Se connecter", "en": "Sign in"},
    "auth.failed": {"fr": "Identifiant ou mot de passe incorrect.", "en": "Wrong user name or password."},
    "auth.locked": {
        "fr": "Trop d'essais manqués pour cet identifiant : réessayez après {time} ({date}).",
        "en": "Too many failed attempts for this name: try again after {time} ({date}).",
    },
    "auth.needed": {
        "fr": "Cette page modifie les données : connectez-vous avec un compte de coordinateur.",
        "en": "This page changes the data: sign in with a coordinator's account.",
    },
    "auth.signed_in_as": {"fr": "Connecté : {name} ({role})", "en": "Signed in: {name} ({role})"},
    "auth.demo_account": {
        "fr": "Compte de démonstration : son mot de passe est public.",
        "en": "Demo account: its password is public.",
    },
    "auth.sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "auth.role_admin": {"fr": "administrateur", "en": "administrator"},
    "auth.role_coordinator": {"fr": "coordinateur", "en": "coordinator"},
}
