package dev.crossdeploy.localcloud.cloudformation;

import dev.crossdeploy.localcloud.CloudState;
import dev.crossdeploy.localcloud.cloudformation.template.Template;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateParser;
import dev.crossdeploy.localcloud.cloudformation.template.TemplateValidator;
import dev.crossdeploy.localcloud.http.QueryParams;

/** Parses and validates the template a request gives as TemplateBody or TemplateURL. */
final class TemplateLoader {
    private final CloudState state;
    private final TemplateValidator validator;

    TemplateLoader(CloudState state, TemplateValidator validator) {
        this.state = state;
        this.validator = validator;
    }

    Template load(QueryParams p) {
        Template t = TemplateParser.parse(TemplateSource.body(state, p.get("TemplateBody"), p.get("TemplateURL")));
        validator.validate(t);
        return t;
    }
}
