package io.cutover.web;

import io.cutover.shared.CutoverException;
import io.cutover.shared.InvalidInputException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * JSON errors for the API: RFC 9457 problem details whose {@code detail} says what to
 * change.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    @ExceptionHandler(CutoverException.class)
    ProblemDetail refused(CutoverException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
        if (e instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            problem.setProperty("fieldErrors", invalid.fieldErrors());
        }
        return problem;
    }

    /** Names the field whose value had the wrong type, when Jackson knows it. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String field = e.getMostSpecificCause() instanceof JacksonException json ? path(json) : "";
        if (field.isEmpty()) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is not valid JSON of the expected shape");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The field '" + field + "' has a value of the wrong type");
        problem.setProperty("fieldErrors", Map.of(field, "A value of the wrong type"));
        return problem;
    }

    private static String path(JacksonException e) {
        return e.getPath()
            .stream()
            .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    }

}
