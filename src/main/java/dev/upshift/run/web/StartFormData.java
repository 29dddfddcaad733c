package dev.upshift.run.web;

import java.util.ArrayList;
import java.util.List;

/** The start form: the acknowledgements the operator ticked (the plan says which it requires). */
public class StartFormData {

    private List<String> acknowledge = new ArrayList<>();

    public List<String> getAcknowledge() {
        return acknowledge;
    }

    public void setAcknowledge(List<String> acknowledge) {
        this.acknowledge = acknowledge == null ? new ArrayList<>() : acknowledge;
    }
}
