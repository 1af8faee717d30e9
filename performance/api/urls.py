"""Performance API routes, mounted at ``api/v1/`` by performance/urls."""

from rest_framework.routers import SimpleRouter

from performance.api import views

router = SimpleRouter()
router.register("agreements", views.AgreementViewSet, basename="performance-agreement")
router.register("objectives", views.ObjectiveViewSet, basename="performance-objective")
router.register("indicators", views.IndicatorViewSet, basename="performance-indicator")

urlpatterns = router.urls
