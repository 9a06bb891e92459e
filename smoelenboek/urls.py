app_name = "smoelenboek"

urlpatterns = []
