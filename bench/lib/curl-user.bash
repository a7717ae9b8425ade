# Sourced by the benches. A panel account's credentials for curl go in a config file only its owner
# can read (curl -K FILE), never on curl's command line, which any local user can read in /proc.
#
#   curl_user FILE USER PASSWORD
curl_user() {
    (umask 077 && printf 'user = "%s:%s"\n' "$(curl_config_quoted "$2")" "$(curl_config_quoted "$3")" >"$1")
}

# In a quoted value of a curl config file, backslash and double quote are escaped with a backslash.
curl_config_quoted() {
    local s=${1//\\/\\\\}
    printf '%s' "${s//\"/\\\"}"
}
