package io.cutover.migration;

import java.util.HashMap;
import java.util.Map;

/** The create/edit form as the browser posts it: {@code values[paramId]=...}. */
class MigrationForm {

    private String name = "";

    private String runbookId = "";

    private Map<String, String> values = new HashMap<>();

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRunbookId() {
        return runbookId;
    }

    public void setRunbookId(String runbookId) {
        this.runbookId = runbookId;
    }

    public Map<String, String> getValues() {
        return values;
    }

    public void setValues(Map<String, String> values) {
        this.values = values;
    }

}
