# Sourced by the benches. A panel account's credentials for curl go in a config file only its owner
# can read (curl -K FILE), never on curl's command line, which any local user can read in /proc.
#
#   curl_user FILE USER PASSWORD
curl_user() {
    local file=$1 user=$2 password=$3
    # In a quoted value of a curl config file, backslash and double quote are escaped with a backslash.
    user=${user//\\/\\\\}
    user=${user//\"/\\\"}
    password=${password//\\/\\\\}
    password=${password//\"/\\\"}
    (umask 077 && printf 'user = "%s:%s"\n' "$user" "$password" >"$file")
}
